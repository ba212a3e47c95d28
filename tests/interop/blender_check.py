# SPDX-License-Identifier: Apache-2.0
"""Imports Posewright exports into Blender (headless) and compares the animated joints with the
JSON export of the same take.

Run: blender -b --factory-startup --python-exit-code 1 --python blender_check.py -- \
         [--every 10] [--tolerance 0.01] [--prefix NAME_PREFIX] \
         --json ref.json [--fbx a.fbx] [--bvh b.bvh] [--glb c.glb] [--json other.json ...]

Each --json starts a group; the files after it are exports of the same take with the same
options (trim, in place). For every file: one armature with the JSON's joints as bones, an action spanning the clip at
30 fps, and every `--every`-th frame (plus the last) has each joint's world position within
`--tolerance` metres of the JSON's, mapped from Y up to Blender's Z up: (x, y, z) -> (x, -z, y).
FBX and glTF files must also carry a skinned mesh (Armature modifier, one vertex group per
bone); for the glTF and the first FBX of each group, the deformed vertices must stand on the
floor (the lowest one over the take at height 0).
Prints one PASS/FAIL line per check and exits 1 on any failure.
"""

import argparse
import builtins
import json
import math
import sys

import bpy

# Debian's Blender 3.4.1 runs on Python 3.11, where two bundled importers break:
# the BVH importer opens files with mode 'rU' (removed in 3.11) and the glTF importer uses
# numpy.bool (removed in numpy 1.24). Patch both before importing anything.
_open = builtins.open
builtins.open = lambda f, mode="r", *a, **kw: _open(f, mode.replace("U", ""), *a, **kw)
try:
    import numpy

    if not hasattr(numpy, "bool"):
        numpy.bool = bool
except ImportError:
    pass


def parse_args():
    """Groups: each --json starts one; the --fbx/--bvh/--glb files after it are checked against
    it. Other options apply to every group."""
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    opts = {"every": 10, "tolerance": 0.01, "prefix": ""}
    groups = []
    i = 0
    while i < len(argv):
        key = argv[i]
        if i + 1 >= len(argv) or not key.startswith("--"):
            raise SystemExit("blender_check.py: bad argument list near %r" % key)
        value = argv[i + 1]
        i += 2
        if key == "--json":
            groups.append({"json": value, "files": []})
        elif key in ("--fbx", "--bvh", "--glb"):
            if not groups:
                raise SystemExit("blender_check.py: %s before any --json" % key)
            groups[-1]["files"].append((key[2:], value))
        elif key in ("--every", "--tolerance", "--prefix"):
            opts[key[2:]] = type(opts[key[2:]])(value)
        else:
            raise SystemExit("blender_check.py: unknown option %s" % key)
    if not groups:
        raise SystemExit("blender_check.py: no --json given")
    return argparse.Namespace(groups=groups, **opts)


failures = 0


def report(ok, name, detail):
    global failures
    print(("PASS" if ok else "FAIL") + "  " + name + "  " + detail, flush=True)
    if not ok:
        failures += 1
    return ok


def reset_scene():
    bpy.ops.wm.read_factory_settings(use_empty=True)


def import_file(kind, path):
    scene = bpy.context.scene
    if kind == "fbx":
        bpy.ops.import_scene.fbx(filepath=path)
    elif kind == "bvh":
        bpy.ops.import_anim.bvh(filepath=path, update_scene_fps=True, update_scene_duration=True)
    elif kind == "glb":
        # glTF keys are in seconds; the importer converts them with the scene's frame rate.
        scene.render.fps = 30
        scene.render.fps_base = 1.0
        bpy.ops.import_scene.gltf(filepath=path)


def check_floor(name, scene, mesh_obj, start, ref):
    """The deformed mesh must stand on the floor: Posewright ground-aligns the clip so the
    lowest vertex of the exported mesh over the whole take is at height 0. This checks the skin
    (bind matrices, weights) as Blender evaluates it, not only the bones."""
    frames = ref["frames"]
    depsgraph = bpy.context.evaluated_depsgraph_get()
    lowest = float("inf")
    for f in range(frames):
        scene.frame_set(start + f)
        evaluated = mesh_obj.evaluated_get(depsgraph)
        m = evaluated.to_mesh()
        world = evaluated.matrix_world
        lowest = min(lowest, min((world @ v.co).z for v in m.vertices))
        evaluated.to_mesh_clear()
    export = ref.get("export", {})
    if export.get("ground_aligned") and export.get("trim") is None:
        ok = abs(lowest) <= 1e-3
        want = "0 (whole take ground-aligned)"
    else:
        ok = lowest >= -1e-3
        want = ">= 0 (trimmed: the lowest frame may be cut)"
    report(ok, name + " floor", "lowest deformed vertex %.2e m, expected %s" % (lowest, want))


def check(kind, path, ref, args):
    name = kind + ":" + path.replace("\\", "/").rsplit("/", 1)[-1]
    reset_scene()
    try:
        import_file(kind, path)
    except Exception as e:  # the importer's own error message is the useful part
        report(False, name + " import", repr(e))
        return
    scene = bpy.context.scene
    arms = [o for o in scene.objects if o.type == "ARMATURE"]
    if not report(len(arms) == 1, name + " armature", "%d armature object(s)" % len(arms)):
        return
    arm = arms[0]
    joints = [args.prefix + j for j in ref["joints"]]
    bones = [b.name for b in arm.data.bones]
    report(len(bones) == len(joints) and set(bones) == set(joints), name + " bones",
           "%d bones, expected %d named like the JSON" % (len(bones), len(joints)))
    missing = [j for j in joints if j not in arm.pose.bones]
    if missing:
        report(False, name + " bone names", "missing " + ", ".join(missing))
        return
    for j, parent in zip(joints, ref["parents"]):
        bone_parent = arm.data.bones[j].parent
        want = None if parent < 0 else joints[parent]
        got = bone_parent.name if bone_parent else None
        if got != want:
            report(False, name + " hierarchy", "%s has parent %s, expected %s" % (j, got, want))
            return
    report(True, name + " hierarchy", "parents match")

    fps = scene.render.fps / scene.render.fps_base
    report(abs(fps - ref["fps"]) < 1e-6, name + " fps", "scene %.3f fps" % fps)
    action = arm.animation_data.action if arm.animation_data else None
    if not report(action is not None, name + " action", "armature has an action"):
        return
    start, end = action.frame_range
    frames = ref["frames"]
    report(abs((end - start) - (frames - 1)) < 1e-3, name + " span",
           "action frames %.2f..%.2f, clip %d frames" % (start, end, frames))

    if kind in ("fbx", "glb"):
        meshes = [o for o in scene.objects if o.type == "MESH"]
        skinned = [m for m in meshes if any(md.type == "ARMATURE" and md.object == arm
                                            for md in m.modifiers)]
        ok = len(skinned) == 1 and len(skinned[0].vertex_groups) == len(joints)
        report(ok, name + " skinned mesh", "%d mesh(es), %d skinned to the armature, %s groups"
               % (len(meshes), len(skinned),
                  len(skinned[0].vertex_groups) if skinned else "no"))
        # Evaluating the deformed mesh on every frame costs ~1 s per file: do it for the glTF and
        # the first FBX of each group (the FBX presets share the skin code).
        if ok and args.check_floor:
            check_floor(name, scene, skinned[0], int(round(start)), ref)

    sample = list(range(0, frames, args.every))
    if frames - 1 not in sample:
        sample.append(frames - 1)
    worst = (0.0, None, None)
    for f in sample:
        scene.frame_set(int(round(start)) + f)
        for j, p in zip(joints, ref["positions"][f]):
            head = arm.matrix_world @ arm.pose.bones[j].head
            want = (p[0], -p[2], p[1])
            err = math.dist((head.x, head.y, head.z), want)
            if err > worst[0]:
                worst = (err, f, j)
    report(worst[0] <= args.tolerance, name + " positions",
           "max error %.2e m over %d frames x %d joints (worst: frame %s, %s)"
           % (worst[0], len(sample), len(joints), worst[1], worst[2]))


def main():
    args = parse_args()
    for group in args.groups:
        with open(group["json"]) as f:
            ref = json.load(f)
        floor_fbx_done = False
        for kind, path in group["files"]:
            args.check_floor = kind == "glb" or (kind == "fbx" and not floor_fbx_done)
            floor_fbx_done = floor_fbx_done or kind == "fbx"
            check(kind, path, ref, args)
    print("%s: %d failure(s)" % ("OK" if failures == 0 else "FAILED", failures), flush=True)
    sys.exit(1 if failures else 0)


main()
