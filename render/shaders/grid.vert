#version 330 core
// SPDX-License-Identifier: Apache-2.0
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec4 aColor;
uniform mat4 uViewProj;
out vec4 vColor;
out vec3 vWorld;
void main()
{
    vColor = aColor;
    vWorld = aPosition;
    gl_Position = uViewProj * vec4(aPosition, 1.0);
}
