#version 330 core
// SPDX-License-Identifier: Apache-2.0
in vec3 vNormal;
in vec3 vWorld;
in vec4 vColor;
uniform vec3 uEye;
out vec4 fragColor;
void main()
{
    vec3 n = normalize(vNormal);
    vec3 toEye = normalize(uEye - vWorld);
    if (dot(n, toEye) < 0.0) {
        n = -n;
    }
    // Key light from above-front, a soft fill from the camera, sky/ground ambient and a rim:
    // enough to read the volumes of a mannequin without textures.
    vec3 keyDir = normalize(vec3(0.35, 0.85, 0.4));
    float key = max(dot(n, keyDir), 0.0);
    float fill = max(dot(n, toEye), 0.0);
    vec3 ambient = mix(vec3(0.20, 0.19, 0.18), vec3(0.42, 0.45, 0.52), n.y * 0.5 + 0.5);
    float rim = pow(1.0 - max(dot(n, toEye), 0.0), 3.0);
    vec3 lit = vColor.rgb * (ambient + 0.75 * key + 0.25 * fill) + vec3(0.18) * rim;
    vec3 h = normalize(keyDir + toEye);
    lit += vec3(0.12) * pow(max(dot(n, h), 0.0), 24.0);
    fragColor = vec4(lit, vColor.a);
}
