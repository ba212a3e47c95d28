// SPDX-License-Identifier: Apache-2.0
#include <pw/core/skeleton.h>

namespace pw {

glm::vec3 Skeleton::restOffset(int joint) const
{
    const int parent = parents[static_cast<std::size_t>(joint)];
    const glm::vec3& p = restPositions[static_cast<std::size_t>(joint)];
    return parent < 0 ? p : p - restPositions[static_cast<std::size_t>(parent)];
}

int Skeleton::indexOf(const std::string& name) const
{
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::shared_ptr<const Skeleton> Skeleton::smplhBody()
{
    // Source: the official HY-Motion wooden mannequin's j_template.bin (first 22 of 52 joints,
    // float32, metres, Y up) and kintree.bin, as tabulated in hymotion-spec.md Appendix C.
    // The model's rotations are defined on exactly these rest positions.
    static const std::shared_ptr<const Skeleton> kBody = [] {
        auto s = std::make_shared<Skeleton>();
        s->names = {"Pelvis",  "L_Hip",    "R_Hip",    "Spine1", "L_Knee",     "R_Knee",
                    "Spine2",  "L_Ankle",  "R_Ankle",  "Spine3", "L_Foot",     "R_Foot",
                    "Neck",    "L_Collar", "R_Collar", "Head",   "L_Shoulder", "R_Shoulder",
                    "L_Elbow", "R_Elbow",  "L_Wrist",  "R_Wrist"};
        s->parents = {-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19};
        s->restPositions = {
            {-0.00179505802f, -0.190826997f, 0.0282191243f},
            {0.0805768371f, -0.280765176f, 0.0251169987f},
            {-0.0805767775f, -0.280765086f, 0.0251169987f},
            {0.0f, -0.0966411978f, 0.0317262821f},
            {0.0998363793f, -0.658081949f, 0.0146634039f},
            {-0.0978526697f, -0.658177912f, 0.0146634029f},
            {0.0f, 0.0259810649f, 0.0291850735f},
            {0.101074025f, -1.05621958f, -0.0374588892f},
            {-0.0969974026f, -1.05631661f, -0.0374588929f},
            {0.0f, 0.106240883f, 0.00501192641f},
            {0.113632351f, -1.12785912f, 0.105247498f},
            {-0.109179497f, -1.12802124f, 0.105247363f},
            {0.0f, 0.302070946f, -0.0149538666f},
            {0.0546924956f, 0.22507371f, -0.0202328749f},
            {-0.0546924956f, 0.22507371f, -0.0202328749f},
            {0.0f, 0.397715062f, -0.0164542738f},
            {0.165352762f, 0.237454504f, -0.0168597698f},
            {-0.165352777f, 0.237454504f, -0.0168597698f},
            {0.433443666f, 0.249385998f, -0.0295621194f},
            {-0.433443695f, 0.249385998f, -0.0295621194f},
            {0.702486634f, 0.253419608f, -0.0427310653f},
            {-0.702486634f, 0.253419608f, -0.0427310653f},
        };
        return s;
    }();
    return kBody;
}

} // namespace pw
