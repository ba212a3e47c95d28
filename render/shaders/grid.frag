#version 330 core
// SPDX-License-Identifier: Apache-2.0
in vec4 vColor;
in vec3 vWorld;
uniform vec3 uFadeCenter;
uniform float uFadeRadius;
out vec4 fragColor;
void main()
{
    // Fade the grid out towards its rim so it does not end in a hard edge.
    float d = length(vWorld.xz - uFadeCenter.xz) / uFadeRadius;
    float fade = clamp(1.0 - d * d, 0.0, 1.0);
    fragColor = vec4(vColor.rgb, vColor.a * fade);
}
