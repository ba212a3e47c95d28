#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Instanced bones and joints: one unit mesh, one model matrix and colour per instance.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec4 aModel0;
layout(location = 3) in vec4 aModel1;
layout(location = 4) in vec4 aModel2;
layout(location = 5) in vec4 aModel3;
layout(location = 6) in vec4 aColor;
uniform mat4 uViewProj;
out vec3 vNormal;
out vec3 vWorld;
out vec4 vColor;
void main()
{
    mat4 model = mat4(aModel0, aModel1, aModel2, aModel3);
    vec4 world = model * vec4(aPosition, 1.0);
    // Bones are scaled non-uniformly: normals need the inverse transpose.
    vNormal = normalize(transpose(inverse(mat3(model))) * aNormal);
    vWorld = world.xyz;
    vColor = aColor;
    gl_Position = uViewProj * world;
}
