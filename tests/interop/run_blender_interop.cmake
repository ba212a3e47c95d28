# SPDX-License-Identifier: Apache-2.0
# The Blender interop test: makes a take from the golden fixture latent, exports it with
# posewright-cli (FBX in every preset, BVH in both channel orders, glTF, and a trimmed in-place
# FBX), then runs Debian's Blender headless once to import them all and compare the joints with
# the JSON exports (blender_check.py).
#
# cmake -DCLI=posewright-cli -DBLENDER=blender -DFIXTURES=../shared/fixtures -DWORK=dir
#       -DSCRIPT=blender_check.py [-DWITH_GLB=ON] -P run_blender_interop.cmake

foreach(var CLI BLENDER FIXTURES WORK SCRIPT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run_blender_interop.cmake: -D${var}=... is required")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    message("${out}${err}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "command failed (${rc}): ${ARGN}")
    endif()
endfunction()

set(take "${WORK}/gen0.pwtake")
set(dit "${FIXTURES}/dit-tiny")
run("${CLI}" --no-log-file decode-latent --latent "${dit}/cases.safetensors" --key gen.latent
    --sample 0 --stats "${dit}/model.safetensors" --out "${take}" --prompt "interop test")

set(check_args --json "${WORK}/full.json")
run("${CLI}" --no-log-file export --take "${take}" --out "${WORK}/full.json")
foreach(preset blender maya unreal unity)
    run("${CLI}" --no-log-file export --take "${take}" --preset ${preset}
        --out "${WORK}/${preset}.fbx")
    list(APPEND check_args --fbx "${WORK}/${preset}.fbx")
endforeach()
# Blender reads BVH values as metres: export BVH with the Blender preset (metres).
foreach(order zxy xyz)
    run("${CLI}" --no-log-file export --take "${take}" --preset blender --bvh-order ${order}
        --out "${WORK}/${order}.bvh")
    list(APPEND check_args --bvh "${WORK}/${order}.bvh")
endforeach()
if(WITH_GLB) # glTF needs Assimp
    run("${CLI}" --no-log-file export --take "${take}" --out "${WORK}/full.glb")
    list(APPEND check_args --glb "${WORK}/full.glb")
endif()

# Trimmed and in place, as FBX 7.5: compared with a JSON export made with the same options.
run("${CLI}" --no-log-file export --take "${take}" --trim 10:60 --in-place
    --out "${WORK}/trim.json")
run("${CLI}" --no-log-file export --take "${take}" --trim 10:60 --in-place --fbx-version 7500
    --preset unity --out "${WORK}/trim.fbx")
list(APPEND check_args --json "${WORK}/trim.json" --fbx "${WORK}/trim.fbx")

execute_process(
    COMMAND "${BLENDER}" -b --factory-startup --python-exit-code 1 --python "${SCRIPT}" --
            --every 10 --tolerance 0.01 ${check_args}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Blender's own chatter is long; keep the check lines and errors.
string(REGEX MATCHALL "(PASS|FAIL|OK|FAILED|Error|Traceback)[^\n]*" lines "${out}\n${err}")
list(JOIN lines "\n" summary)
message("${summary}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "Blender interop check failed (exit ${rc})")
endif()
