# SPDX-License-Identifier: Apache-2.0
# Makes a model folder whose config.yml does not match its weights (feat_dim 48 instead of 64):
# cmake -DSRC=<dit-tiny> -DOUT=<folder> -P make_broken_model.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
file(READ "${SRC}/config.yml" cfg)
string(REPLACE "feat_dim: 64" "feat_dim: 48" cfg "${cfg}")
file(WRITE "${OUT}/config.yml" "${cfg}")
file(COPY "${SRC}/latest.ckpt" "${SRC}/cases.safetensors" "${SRC}/cases.json" DESTINATION "${OUT}")
