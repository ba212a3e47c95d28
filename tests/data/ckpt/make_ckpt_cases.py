#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the small hand-built torch.save-format files of tests/data/ckpt (no torch needed).

The pickles are produced by Python's own pickler (protocol 2, as torch.save) with stand-in
`torch` modules, so the opcode stream is what torch.save writes; the zip container mimics
PyTorch's writer (stored entries, '<name>/data.pkl', '<name>/data/<key>', 64-byte aligned data).
Run from anywhere: python3 tests/data/ckpt/make_ckpt_cases.py
"""
import collections
import os
import pickle
import struct
import sys
import types
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# --- stand-in torch modules so pickle writes the real global names ----------------------------
torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch
sys.modules["torch._utils"] = utils
torch._utils = utils


def _rebuild_tensor_v2(*args):
    raise RuntimeError("never called")


def _rebuild_parameter(*args):
    raise RuntimeError("never called")


_rebuild_tensor_v2.__module__ = "torch._utils"
_rebuild_parameter.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2
utils._rebuild_parameter = _rebuild_parameter


class FloatStorage:
    pass


class LongStorage:
    pass


for cls in (FloatStorage, LongStorage):
    cls.__module__ = "torch"
    setattr(torch, cls.__name__, cls)


class Storage:
    def __init__(self, cls, key, numel):
        self.cls, self.key, self.numel = cls, key, numel


class Tensor:
    def __init__(self, storage, offset, size, stride, parameter=False):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride
        self.parameter = parameter

    def __reduce__(self):
        inner = (_rebuild_tensor_v2,
                 (self.storage, self.offset, tuple(self.size), tuple(self.stride), False,
                  collections.OrderedDict()))
        if self.parameter:
            return (_rebuild_parameter, (_Inner(inner), True, collections.OrderedDict()))
        return inner


class _Inner:
    def __init__(self, r):
        self.r = r

    def __reduce__(self):
        return self.r


class Evil:
    def __reduce__(self):
        return (os.system, ("echo never",))


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", obj.numel)
        return None


def dumps(obj):
    import io
    buf = io.BytesIO()
    Pickler(buf, protocol=2).dump(obj)
    return buf.getvalue()


# --- zip writer (stored entries, optional ZIP64 records) ------------------------------------
def write_zip(path, entries, zip64=False):
    out = bytearray()
    central = bytearray()
    for name, data in entries:
        name_b = name.encode()
        # pad the local extra field so data starts 64-byte aligned (as PyTorch does)
        header_len = 30 + len(name_b)
        pad = (-(len(out) + header_len + 4)) % 64
        extra = struct.pack("<HH", 0x4246, pad) + b"Z" * pad
        crc = zlib.crc32(data) & 0xFFFFFFFF
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(data), len(data),
                           len(name_b), len(extra))
        out += name_b + extra + data
        if zip64:
            cextra = struct.pack("<HHQQQ", 0x0001, 24, len(data), len(data), offset)
            sizes = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            cextra = b""
            sizes = (len(data), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45 if zip64 else 20, 0, 0,
                               0, 0, crc, sizes[0], sizes[1], len(name_b), len(cextra), 0, 0, 0,
                               0, sizes[2])
        central += name_b + cextra
    cd_offset = len(out)
    out += central
    n = len(entries)
    if zip64:
        z64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(central),
                           cd_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                           0xFFFFFFFF, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), cd_offset, 0)
    with open(path, "wb") as f:
        f.write(out)


def floats(values):
    return struct.pack("<%df" % len(values), *values)


def ckpt(path, root, storages, zip64=False, name="archive"):
    entries = [(name + "/data.pkl", dumps(root))]
    entries.append((name + "/byteorder", b"little"))
    for key, data in storages:
        entries.append((name + "/data/" + key, data))
    entries.append((name + "/version", b"3\n"))
    write_zip(os.path.join(HERE, path), entries, zip64)


def main():
    s0 = Storage(FloatStorage, "0", 6)
    s1 = Storage(LongStorage, "1", 2)
    good = collections.OrderedDict()
    good["w"] = Tensor(s0, 0, [2, 3], [3, 1])
    good["tail"] = Tensor(s0, 4, [2], [1])  # a view sharing storage 0
    good["ids"] = Tensor(s1, 0, [2], [1], parameter=True)
    data0 = floats([1, 2, 3, 4, 5, 6])
    data1 = struct.pack("<2q", 7, -8)
    root = {"model_state_dict": good, "epoch": 3, "global_step": 99}
    ckpt("good.ckpt", root, [("0", data0), ("1", data1)])
    ckpt("good_zip64.ckpt", root, [("0", data0), ("1", data1)], zip64=True)
    ckpt("raw_state_dict.ckpt", good, [("0", data0), ("1", data1)])
    # error cases
    ckpt("short_storage.ckpt", root, [("0", data0[:12]), ("1", data1)])
    ckpt("missing_storage.ckpt", root, [("1", data1)])
    ckpt("evil_global.ckpt", {"model_state_dict": {"w": Evil()}}, [])
    bad = collections.OrderedDict(good)
    bad["w"] = Tensor(s0, 0, [3, 2], [1, 3])
    ckpt("non_contiguous.ckpt", {"model_state_dict": bad}, [("0", data0), ("1", data1)])
    bad = collections.OrderedDict(good)
    bad["w"] = Tensor(s0, 2, [2, 3], [3, 1])
    ckpt("out_of_storage.ckpt", {"model_state_dict": bad}, [("0", data0), ("1", data1)])
    ckpt("not_a_dict.ckpt", [1, 2, 3], [])
    ckpt("value_not_tensor.ckpt", {"model_state_dict": {"w": 1.5}}, [])
    write_zip(os.path.join(HERE, "no_pickle.ckpt"), [("archive/data/0", data0)])


if __name__ == "__main__":
    main()
