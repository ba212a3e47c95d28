// SPDX-License-Identifier: Apache-2.0
#pragma once

// Rotation conversions shared by decoding, the viewport and the exporters. The 6D and quaternion
// functions follow the HY-Motion reference bit for bit where it matters for parity (float32
// arithmetic in the same order); the Euler functions are double precision for the exporters.

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <array>
#include <span>

namespace pw {

/// 6D rotation (Zhou et al.) to a rotation matrix with the reference's convention
/// (hymotion-spec.md §6.3): r viewed as a 3x2 row-major matrix, columns a1 = (r0, r2, r4) and
/// a2 = (r1, r3, r5) are Gram-Schmidt orthonormalised to b1, b2; b3 = b1 x b2; the matrix
/// columns are (b1, b2, b3). Float32 arithmetic, normalisation by max(|v|, 1e-12).
glm::mat3 rot6dToMatrix(std::span<const float, 6> r);

/// Inverse of rot6dToMatrix for a rotation matrix: (R00, R01, R10, R11, R20, R21), i.e. the
/// first two columns interleaved by row.
std::array<float, 6> matrixToRot6d(const glm::mat3& m);

/// Rotation matrix to a unit quaternion (w >= 0) with the pytorch3d algorithm the reference
/// uses (best-conditioned of four candidates, float32).
glm::quat matrixToQuaternion(const glm::mat3& m);

/// Quaternion to rotation matrix with the pytorch3d formula (two_s = 2 / |q|^2, so q need not be
/// unit and q, -q give the same matrix). Float32.
glm::mat3 quaternionToMatrix(const glm::quat& q);

/// A coordinate axis.
enum class Axis { X = 0, Y = 1, Z = 2 };

/// Angles (radians) a0, a1, a2 with R = R_{axes[0]}(a0) * R_{axes[1]}(a1) * R_{axes[2]}(a2)
/// (column vectors: the rightmost rotation is applied first). `axes` must be a permutation of
/// X, Y, Z (Tait-Bryan). Examples: FBX's default eEulerXYZ is R = Rz * Ry * Rx, i.e. axes
/// {Z, Y, X} returning (z, y, x); BVH channels "Zrotation Xrotation Yrotation" are {Z, X, Y}.
/// Near gimbal lock (middle angle +-90 degrees) the last angle is set to 0.
glm::dvec3 eulerFromMatrix(const glm::dmat3& m, std::array<Axis, 3> axes);

/// The rotation R_{axes[0]}(a[0]) * R_{axes[1]}(a[1]) * R_{axes[2]}(a[2]).
glm::dmat3 matrixFromEuler(const glm::dvec3& angles, std::array<Axis, 3> axes);

/// The Euler triple equivalent to `angles` (same rotation, same axes) that is closest to
/// `previous`: considers both Tait-Bryan solutions and 2*pi shifts of each angle. Used to unwrap
/// animation curves so that interpolating tools never spin the long way between keys.
glm::dvec3 closestEuler(const glm::dvec3& angles, const glm::dvec3& previous);

} // namespace pw
