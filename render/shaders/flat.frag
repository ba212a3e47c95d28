#version 330 core
// SPDX-License-Identifier: Apache-2.0
in vec4 vColor;
out vec4 fragColor;
void main()
{
    fragColor = vColor;
}
