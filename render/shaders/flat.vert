#version 330 core
// SPDX-License-Identifier: Apache-2.0
// Unlit coloured geometry: trajectory trails and ground shadows.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec4 aColor;
uniform mat4 uViewProj;
out vec4 vColor;
void main()
{
    vColor = aColor;
    gl_Position = uViewProj * vec4(aPosition, 1.0);
}
