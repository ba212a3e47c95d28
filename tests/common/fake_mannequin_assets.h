// SPDX-License-Identifier: Apache-2.0
// A tiny folder in the layout of the official wooden-mannequin assets (hymotion-spec.md §6.5):
// the real files are Git LFS objects that this repository does not carry. Six vertices bound to
// body and finger joints, on the built-in 22-joint body plus 30 finger joints.
#pragma once

#include <pw/core/skeleton.h>

#include <QString>

#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace pw::test {

/// Same layout and sizes per element as the real files; writeTo() writes them into a folder.
struct FakeMannequinAssets
{
    std::vector<glm::vec3> joints;                     // 52
    std::vector<std::int32_t> parents;                 // 52
    std::vector<std::string> names;                    // 52
    std::vector<glm::vec3> vertices;                   // V
    std::vector<glm::vec4> weights;                    // V
    std::vector<std::array<std::uint16_t, 4>> skinIdx; // V
    std::vector<std::uint16_t> faces;                  // F * 3

    FakeMannequinAssets()
    {
        const auto body = Skeleton::smplhBody();
        joints = body->restPositions;
        parents.assign(body->parents.begin(), body->parents.end());
        names = body->names;
        const char* fingers[5] = {"Index", "Middle", "Pinky", "Ring", "Thumb"};
        for (int side = 0; side < 2; ++side) {
            const int wrist = side == 0 ? 20 : 21;
            for (int f = 0; f < 5; ++f) {
                for (int k = 1; k <= 3; ++k) {
                    const int idx = static_cast<int>(joints.size());
                    parents.push_back(k == 1 ? wrist : idx - 1);
                    const glm::vec3 base = joints[static_cast<std::size_t>(parents.back())];
                    joints.push_back(base + glm::vec3(side == 0 ? 0.03f : -0.03f, 0.0f,
                                                      0.01f * static_cast<float>(f - 2)));
                    names.push_back(std::string(side == 0 ? "L_" : "R_") + fingers[f] +
                                    std::to_string(k));
                }
            }
        }
        // A few vertices: body-weighted, blended, and finger-weighted (remapped to wrists).
        auto add = [&](glm::vec3 p, std::array<std::uint16_t, 4> j, glm::vec4 w) {
            vertices.push_back(p);
            skinIdx.push_back(j);
            weights.push_back(w);
        };
        add(joints[0] + glm::vec3(0, 0, 0.1f), {0, 3, 0, 0}, {0.7f, 0.3f, 0, 0});
        add(joints[18] + glm::vec3(0, 0.02f, 0), {18, 16, 0, 0}, {0.5f, 0.5f, 0, 0});
        add(joints[25] + glm::vec3(0.01f, 0, 0), {25, 26, 20, 0}, {0.5f, 0.25f, 0.25f, 0});
        add(joints[40] + glm::vec3(-0.01f, 0, 0), {40, 0, 0, 0}, {1, 0, 0, 0});
        add(joints[10] + glm::vec3(0, -0.03f, 0.05f), {10, 7, 0, 0}, {0.8f, 0.2f, 0, 0});
        add(joints[15] + glm::vec3(0, 0.1f, 0), {15, 0, 0, 0}, {1, 0, 0, 0});
        faces = {0, 1, 2, 2, 3, 4, 3, 4, 5, 0, 4, 5};
    }

    template <class T> static void write(const QString& path, const std::vector<T>& data)
    {
        std::ofstream f(path.toStdString(), std::ios::binary);
        f.write(reinterpret_cast<const char*>(data.data()),
                static_cast<std::streamsize>(data.size() * sizeof(T)));
    }

    void writeTo(const QString& dir) const
    {
        std::vector<float> jt, vt, wt;
        for (const auto& p : joints) {
            jt.insert(jt.end(), {p.x, p.y, p.z});
        }
        for (const auto& p : vertices) {
            vt.insert(vt.end(), {p.x, p.y, p.z});
        }
        for (const auto& w : weights) {
            wt.insert(wt.end(), {w.x, w.y, w.z, w.w});
        }
        std::vector<std::uint16_t> si;
        for (const auto& j : skinIdx) {
            si.insert(si.end(), j.begin(), j.end());
        }
        write(dir + "/j_template.bin", jt);
        write(dir + "/kintree.bin", parents);
        write(dir + "/v_template.bin", vt);
        write(dir + "/skinWeights.bin", wt);
        write(dir + "/skinIndice.bin", si);
        write(dir + "/faces.bin", faces);
        std::ofstream n((dir + "/joint_names.json").toStdString());
        n << "[";
        for (std::size_t i = 0; i < names.size(); ++i) {
            n << (i ? ", " : "") << '"' << names[i] << '"';
        }
        n << "]";
    }
};

} // namespace pw::test
