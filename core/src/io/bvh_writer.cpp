// SPDX-License-Identifier: Apache-2.0
// BVH (Biovision hierarchy): Y up (the format's convention), unit from the options. The root's
// OFFSET is 0 and its position channels carry its absolute position (rest position + root
// translation), so every importer places it the same way; other joints have their rest offsets
// and rotation channels only. Rotations are local, in degrees, unwrapped over time.
#include "export_scene.h"

#include <pw/core/rotation.h>

#include <glm/gtc/constants.hpp>

#include <cstdio>
#include <string>

namespace pw::io::detail {
namespace {

void appendf(std::string& out, const char* fmt, double a, double b, double c)
{
    char buf[128];
    const int n = std::snprintf(buf, sizeof buf, fmt, a, b, c);
    out.append(buf, static_cast<std::size_t>(n));
}

// End-site offset (metres) of a leaf joint: along its bone, or up for the head.
glm::vec3 endSite(const Skeleton& s, int joint)
{
    const int parent = s.parents[static_cast<std::size_t>(joint)];
    if (parent < 0) {
        return {0.0f, 0.1f, 0.0f};
    }
    const glm::vec3 bone = s.restOffset(joint);
    const float len = glm::length(bone);
    if (s.names[static_cast<std::size_t>(joint)] == "Head" || len < 1e-6f) {
        return {0.0f, 0.15f, 0.0f};
    }
    return bone / len * std::min(0.1f, len);
}

} // namespace

std::string encodeBvh(const ExportScene& scene)
{
    const MotionClip& clip = scene.clip;
    const Skeleton& sk = *clip.skeleton;
    const Space space{scene.options.unit == LengthUnit::Centimetre ? 100.0 : 1.0, false};
    const bool zxy = scene.options.bvhOrder == BvhRotationOrder::ZXY;
    const std::array<Axis, 3> axes =
        zxy ? std::array{Axis::Z, Axis::X, Axis::Y} : std::array{Axis::X, Axis::Y, Axis::Z};
    const char* channels = zxy ? "Zrotation Xrotation Yrotation" : "Xrotation Yrotation Zrotation";
    const std::vector<int> order = depthFirstOrder(sk);
    const int n = sk.jointCount();

    std::vector<std::vector<int>> children(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        const int p = sk.parents[static_cast<std::size_t>(j)];
        if (p >= 0) {
            children[static_cast<std::size_t>(p)].push_back(j);
        }
    }

    std::string out = "HIERARCHY\n";
    // Recursive text of the hierarchy, in depth-first order (the channel order of MOTION).
    auto writeJoint = [&](auto&& self, int j, int depth) -> void {
        const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
        const bool isRoot = sk.parents[static_cast<std::size_t>(j)] < 0;
        out += indent + (isRoot ? "ROOT " : "JOINT ") +
               scene.jointNames[static_cast<std::size_t>(j)] + "\n" + indent + "{\n";
        const glm::dvec3 offset = isRoot ? glm::dvec3(0.0) : space.point(sk.restOffset(j));
        appendf(out, (indent + "  OFFSET %.6f %.6f %.6f\n").c_str(), offset.x, offset.y, offset.z);
        out += indent + (isRoot ? "  CHANNELS 6 Xposition Yposition Zposition " : "  CHANNELS 3 ") +
               channels + "\n";
        if (children[static_cast<std::size_t>(j)].empty()) {
            const glm::dvec3 e = space.point(endSite(sk, j));
            out += indent + "  End Site\n" + indent + "  {\n";
            appendf(out, (indent + "    OFFSET %.6f %.6f %.6f\n").c_str(), e.x, e.y, e.z);
            out += indent + "  }\n";
        }
        for (int c : children[static_cast<std::size_t>(j)]) {
            self(self, c, depth + 1);
        }
        out += indent + "}\n";
    };
    for (int j = 0; j < n; ++j) {
        if (sk.parents[static_cast<std::size_t>(j)] < 0) {
            writeJoint(writeJoint, j, 0);
        }
    }

    char line[128];
    std::snprintf(line, sizeof line, "MOTION\nFrames: %d\nFrame Time: %.10f\n", clip.frameCount,
                  1.0 / static_cast<double>(clip.fps));
    out += line;
    std::vector<glm::dvec3> previous(static_cast<std::size_t>(n), glm::dvec3(0.0));
    for (int f = 0; f < clip.frameCount; ++f) {
        std::string row;
        for (std::size_t k = 0; k < order.size(); ++k) {
            const int j = order[k];
            const auto u = static_cast<std::size_t>(j);
            if (sk.parents[u] < 0) {
                const glm::dvec3 p = space.point(sk.restPositions[u] +
                                                 clip.rootTranslation[static_cast<std::size_t>(f)]);
                appendf(row, "%.6f %.6f %.6f ", p.x, p.y, p.z);
            }
            glm::dvec3 e = eulerFromMatrix(space.rotation(clip.rotation(f, j)), axes);
            if (f > 0) {
                e = closestEuler(e, previous[u]);
            }
            previous[u] = e;
            const glm::dvec3 d = glm::degrees(e);
            appendf(row, "%.6f %.6f %.6f ", d.x, d.y, d.z);
        }
        row.back() = '\n';
        out += row;
    }
    return out;
}

} // namespace pw::io::detail
