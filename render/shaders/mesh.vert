#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Linear blend skinning: v' = sum_i w_i A_{j_i} v, normals by the matrices' rotation part.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
uniform mat4 uViewProj;
uniform mat4 uSkin[32];
uniform vec3 uOffset;
uniform vec4 uColor;
out vec3 vNormal;
out vec3 vWorld;
out vec4 vColor;
void main()
{
    mat4 skin = aWeights.x * uSkin[aJoints.x] + aWeights.y * uSkin[aJoints.y] +
                aWeights.z * uSkin[aJoints.z] + aWeights.w * uSkin[aJoints.w];
    vec4 world = skin * vec4(aPosition, 1.0);
    world.xyz += uOffset;
    vNormal = mat3(skin) * aNormal;
    vWorld = world.xyz;
    vColor = uColor;
    gl_Position = uViewProj * vec4(world.xyz, 1.0);
}
