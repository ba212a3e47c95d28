// SPDX-License-Identifier: Apache-2.0
// torch.save reader: zip container + a pickle virtual machine restricted to the opcodes and
// globals a state dict needs. Nothing is executed: "calling" an allowed global builds a plain
// value (a dict, a tensor descriptor); any other global is an error. Values live in an arena
// owned by the unpickler, so self-referencing pickles cannot leak or loop.
#include <fmt/format.h>

#include <pw/core/torch_checkpoint.h>

#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>
#include <utility>

namespace pw {
namespace {

constexpr std::uint64_t kMaxPickleBytes = 256ull * 1024 * 1024;
// A state dict needs ~20 pickle objects per tensor; this bounds memory on hostile input.
constexpr std::size_t kMaxObjects = 4u * 1024 * 1024;

enum class Kind {
    None,
    Bool,
    Int,
    Float,
    String,
    Bytes,
    Tuple,
    List,
    Dict,
    Global,
    Storage,
    Tensor,
};

const char* kindName(Kind k)
{
    switch (k) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return "bool";
    case Kind::Int:
        return "int";
    case Kind::Float:
        return "float";
    case Kind::String:
        return "str";
    case Kind::Bytes:
        return "bytes";
    case Kind::Tuple:
        return "tuple";
    case Kind::List:
        return "list";
    case Kind::Dict:
        return "dict";
    case Kind::Global:
        return "global";
    case Kind::Storage:
        return "storage";
    case Kind::Tensor:
        return "tensor";
    }
    return "?";
}

// The allowed globals.
enum class Fn {
    OrderedDict,
    RebuildTensorV2,
    RebuildParameter,
    RebuildParameterWithState,
    StorageType,
};

struct Value
{
    Kind kind = Kind::None;
    std::int64_t i = 0;        // Int, Bool
    double f = 0.0;            // Float
    std::string s;             // String, Bytes; Global: "module.name"; Storage: key
    std::vector<Value*> items; // Tuple, List
    std::vector<std::pair<Value*, Value*>> entries; // Dict (insertion order)
    Fn fn = Fn::OrderedDict;                        // Global
    DType dtype = DType::F32;                       // Global(StorageType), Storage, Tensor
    std::int64_t numel = 0;                         // Storage: element count
    const Value* storage = nullptr;                 // Tensor
    std::int64_t offset = 0;                        // Tensor: storage offset (elements)
    std::vector<std::int64_t> shape, stride;        // Tensor
};

struct StorageName
{
    const char* name;
    DType dtype;
};

constexpr StorageName kStorages[] = {
    {"FloatStorage", DType::F32},     {"DoubleStorage", DType::F64}, {"HalfStorage", DType::F16},
    {"BFloat16Storage", DType::BF16}, {"LongStorage", DType::I64},   {"IntStorage", DType::I32},
    {"ShortStorage", DType::I16},     {"CharStorage", DType::I8},    {"ByteStorage", DType::U8},
    {"BoolStorage", DType::Bool},
};

class Unpickler
{
  public:
    Unpickler(std::span<const std::byte> data, std::string label, std::string entry)
        : m_data(data), m_label(std::move(label)), m_entry(std::move(entry))
    {
    }

    Value* load();

  private:
    [[noreturn]] void malformed(const std::string& what) const
    {
        fail(Error(Errc::BadModelFile,
                   fmt::format("malformed checkpoint pickle: {} (at byte {} of {})", what,
                               m_opOffset, m_entry))
                 .inFile(m_label));
    }
    Value* make(Kind k)
    {
        if (m_arena.size() >= kMaxObjects) {
            malformed("too many objects (not a state dict)");
        }
        m_arena.emplace_back();
        m_arena.back().kind = k;
        return &m_arena.back();
    }
    std::span<const std::byte> take(std::uint64_t n)
    {
        if (n > m_data.size() - m_pos) {
            malformed("truncated data");
        }
        auto s = m_data.subspan(m_pos, n);
        m_pos += n;
        return s;
    }
    template <class T> T le()
    {
        T v{};
        std::memcpy(&v, take(sizeof(T)).data(), sizeof(T));
        return v;
    }
    std::string str(std::uint64_t n)
    {
        auto s = take(n);
        return std::string(reinterpret_cast<const char*>(s.data()), s.size());
    }
    std::string line()
    {
        std::string out;
        while (true) {
            if (m_pos >= m_data.size()) {
                malformed("unterminated text line");
            }
            const char c = static_cast<char>(m_data[m_pos++]);
            if (c == '\n') {
                return out;
            }
            if (out.size() > 256) {
                malformed("text line too long");
            }
            out.push_back(c);
        }
    }
    Value* pop()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back())) {
            malformed("stack underflow");
        }
        Value* v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    Value* top()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back())) {
            malformed("stack underflow");
        }
        return m_stack.back();
    }
    std::vector<Value*> popMark()
    {
        if (m_marks.empty()) {
            malformed("missing MARK");
        }
        const std::size_t m = m_marks.back();
        m_marks.pop_back();
        std::vector<Value*> items(m_stack.begin() + static_cast<std::ptrdiff_t>(m), m_stack.end());
        m_stack.resize(m);
        return items;
    }
    Value* tuple(std::vector<Value*> items)
    {
        Value* t = make(Kind::Tuple);
        t->items = std::move(items);
        return t;
    }
    Value* global(const std::string& module, const std::string& name);
    Value* reduce(Value* callable, Value* args);
    Value* persistentLoad(Value* pid);
    void setItems(Value* dict, const std::vector<Value*>& kv);
    void memoPut(std::uint64_t index)
    {
        if (m_memo.size() > m_data.size()) { // more memo slots than bytes: nonsense
            malformed("memo too large");
        }
        m_memo[index] = top();
    }
    Value* memoGet(std::uint64_t index)
    {
        auto it = m_memo.find(index);
        if (it == m_memo.end()) {
            malformed(fmt::format("memo entry {} used before it was stored", index));
        }
        return it->second;
    }

    std::span<const std::byte> m_data;
    std::string m_label;
    std::string m_entry;
    std::uint64_t m_pos = 0;
    std::uint64_t m_opOffset = 0;
    std::deque<Value> m_arena;
    std::vector<Value*> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, Value*> m_memo;
};

Value* Unpickler::global(const std::string& module, const std::string& name)
{
    Value* g = make(Kind::Global);
    g->s = module + "." + name;
    if (module == "collections" && name == "OrderedDict") {
        g->fn = Fn::OrderedDict;
        return g;
    }
    if (module == "torch._utils" && name == "_rebuild_tensor_v2") {
        g->fn = Fn::RebuildTensorV2;
        return g;
    }
    if (module == "torch._utils" && name == "_rebuild_parameter") {
        g->fn = Fn::RebuildParameter;
        return g;
    }
    if (module == "torch._utils" && name == "_rebuild_parameter_with_state") {
        g->fn = Fn::RebuildParameterWithState;
        return g;
    }
    if (module == "torch") {
        for (const auto& s : kStorages) {
            if (name == s.name) {
                g->fn = Fn::StorageType;
                g->dtype = s.dtype;
                return g;
            }
        }
    }
    fail(Error(Errc::BadModelFile,
               "checkpoint refers to a Python object that is not allowed in a weights file (only "
               "tensors, storages and OrderedDict are; refusing to load it)")
             .inFile(m_label)
             .at(module + "." + name));
}

Value* Unpickler::persistentLoad(Value* pid)
{
    // ('storage', <storage type global>, key, location, numel)
    if (pid->kind != Kind::Tuple || pid->items.size() != 5 || pid->items[0]->kind != Kind::String ||
        pid->items[0]->s != "storage") {
        malformed("unsupported persistent id (expected ('storage', type, key, location, numel))");
    }
    const Value* type = pid->items[1];
    const Value* key = pid->items[2];
    const Value* numel = pid->items[4];
    if (type->kind != Kind::Global || type->fn != Fn::StorageType) {
        malformed("persistent id without a torch storage type");
    }
    if (key->kind != Kind::String || key->s.empty() || key->s.size() > 64) {
        malformed("persistent id with an invalid storage key");
    }
    if (numel->kind != Kind::Int || numel->i < 0) {
        malformed("persistent id with an invalid element count");
    }
    Value* s = make(Kind::Storage);
    s->dtype = type->dtype;
    s->s = key->s;
    s->numel = numel->i;
    return s;
}

Value* Unpickler::reduce(Value* callable, Value* args)
{
    if (callable->kind != Kind::Global) {
        malformed(std::string("REDUCE on a ") + kindName(callable->kind));
    }
    if (args->kind != Kind::Tuple) {
        malformed("REDUCE arguments are not a tuple");
    }
    const auto& a = args->items;
    switch (callable->fn) {
    case Fn::OrderedDict: {
        Value* d = make(Kind::Dict);
        if (a.size() == 1 && a[0]->kind == Kind::List) { // OrderedDict([(k, v), ...])
            for (Value* kv : a[0]->items) {
                if (kv->kind != Kind::Tuple || kv->items.size() != 2) {
                    malformed("OrderedDict item is not a pair");
                }
                setItems(d, kv->items);
            }
        } else if (!a.empty()) {
            malformed("unsupported OrderedDict arguments");
        }
        return d;
    }
    case Fn::RebuildTensorV2: {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (a.size() < 4 || a.size() > 7 || a[0]->kind != Kind::Storage ||
            a[1]->kind != Kind::Int || a[2]->kind != Kind::Tuple || a[3]->kind != Kind::Tuple ||
            a[2]->items.size() != a[3]->items.size() || a[2]->items.size() > 16) {
            malformed("unexpected _rebuild_tensor_v2 arguments");
        }
        Value* t = make(Kind::Tensor);
        t->storage = a[0];
        t->dtype = a[0]->dtype;
        t->offset = a[1]->i;
        for (std::size_t d = 0; d < a[2]->items.size(); ++d) {
            const Value* sz = a[2]->items[d];
            const Value* st = a[3]->items[d];
            if (sz->kind != Kind::Int || st->kind != Kind::Int) {
                malformed("tensor size/stride entries must be integers");
            }
            t->shape.push_back(sz->i);
            t->stride.push_back(st->i);
        }
        return t;
    }
    case Fn::RebuildParameter:
    case Fn::RebuildParameterWithState:
        if (a.empty() || a[0]->kind != Kind::Tensor) {
            malformed("_rebuild_parameter without a tensor");
        }
        return a[0];
    case Fn::StorageType:
        malformed("a storage type called directly");
    }
    malformed("unknown callable");
}

void Unpickler::setItems(Value* dict, const std::vector<Value*>& kv)
{
    if (dict->kind != Kind::Dict) {
        malformed(std::string("SETITEM on a ") + kindName(dict->kind));
    }
    if (kv.size() % 2 != 0) {
        malformed("odd number of dict items");
    }
    for (std::size_t i = 0; i < kv.size(); i += 2) {
        dict->entries.emplace_back(kv[i], kv[i + 1]);
    }
}

Value* Unpickler::load()
{
    while (true) {
        m_opOffset = m_pos;
        if (m_pos >= m_data.size()) {
            malformed("ends without STOP (truncated data.pkl?)");
        }
        const auto op = static_cast<std::uint8_t>(m_data[m_pos++]);
        switch (op) {
        case 0x80: // PROTO
            if (le<std::uint8_t>() > 5) {
                malformed("unsupported pickle protocol");
            }
            break;
        case 0x95: // FRAME
            le<std::uint64_t>();
            break;
        case '.': { // STOP
            Value* v = pop();
            return v;
        }
        case '(': // MARK
            m_marks.push_back(m_stack.size());
            break;
        case ')':
            m_stack.push_back(make(Kind::Tuple));
            break;
        case ']':
            m_stack.push_back(make(Kind::List));
            break;
        case '}':
            m_stack.push_back(make(Kind::Dict));
            break;
        case 't':
            m_stack.push_back(tuple(popMark()));
            break;
        case 0x85: {
            Value* a = pop();
            m_stack.push_back(tuple({a}));
            break;
        }
        case 0x86: {
            Value* b = pop();
            Value* a = pop();
            m_stack.push_back(tuple({a, b}));
            break;
        }
        case 0x87: {
            Value* c = pop();
            Value* b = pop();
            Value* a = pop();
            m_stack.push_back(tuple({a, b, c}));
            break;
        }
        case 'l': {
            Value* l = make(Kind::List);
            l->items = popMark();
            m_stack.push_back(l);
            break;
        }
        case 'd': {
            Value* d = make(Kind::Dict);
            setItems(d, popMark());
            m_stack.push_back(d);
            break;
        }
        case 'a': { // APPEND
            Value* v = pop();
            Value* l = top();
            if (l->kind != Kind::List) {
                malformed("APPEND to a non-list");
            }
            l->items.push_back(v);
            break;
        }
        case 'e': { // APPENDS
            auto items = popMark();
            Value* l = top();
            if (l->kind != Kind::List) {
                malformed("APPENDS to a non-list");
            }
            l->items.insert(l->items.end(), items.begin(), items.end());
            break;
        }
        case 's': { // SETITEM
            Value* v = pop();
            Value* k = pop();
            setItems(top(), {k, v});
            break;
        }
        case 'u': { // SETITEMS
            auto kv = popMark();
            setItems(top(), kv);
            break;
        }
        case 'N':
            m_stack.push_back(make(Kind::None));
            break;
        case 0x88:
        case 0x89: {
            Value* b = make(Kind::Bool);
            b->i = op == 0x88 ? 1 : 0;
            m_stack.push_back(b);
            break;
        }
        case 'J': {
            Value* v = make(Kind::Int);
            v->i = le<std::int32_t>();
            m_stack.push_back(v);
            break;
        }
        case 'K': {
            Value* v = make(Kind::Int);
            v->i = le<std::uint8_t>();
            m_stack.push_back(v);
            break;
        }
        case 'M': {
            Value* v = make(Kind::Int);
            v->i = le<std::uint16_t>();
            m_stack.push_back(v);
            break;
        }
        case 0x8a: { // LONG1: little-endian two's complement, n bytes
            const std::uint8_t n = le<std::uint8_t>();
            if (n > 8) {
                malformed("integer wider than 64 bits");
            }
            auto b = take(n);
            std::uint64_t u = 0;
            for (std::size_t k = 0; k < n; ++k) {
                u |= std::uint64_t(static_cast<std::uint8_t>(b[k])) << (8 * k);
            }
            if (n > 0 && n < 8 && (static_cast<std::uint8_t>(b[n - 1]) & 0x80)) {
                u |= ~std::uint64_t(0) << (8 * n); // sign-extend
            }
            Value* v = make(Kind::Int);
            std::memcpy(&v->i, &u, 8);
            m_stack.push_back(v);
            break;
        }
        case 'G': { // BINFLOAT, big-endian
            auto b = take(8);
            std::uint64_t u = 0;
            for (int k = 0; k < 8; ++k) {
                u = (u << 8) | static_cast<std::uint8_t>(b[k]);
            }
            Value* v = make(Kind::Float);
            std::memcpy(&v->f, &u, 8);
            m_stack.push_back(v);
            break;
        }
        case 'X':
        case 0x8c:
        case 0x8d:
        case 'T':
        case 'U':
        case 'B':
        case 'C':
        case 0x8e: {
            std::uint64_t n = 0;
            if (op == 'X' || op == 'T' || op == 'B') {
                n = le<std::uint32_t>();
            } else if (op == 0x8c || op == 'U' || op == 'C') {
                n = le<std::uint8_t>();
            } else {
                n = le<std::uint64_t>();
            }
            const bool isBytes = op == 'B' || op == 'C' || op == 0x8e;
            Value* v = make(isBytes ? Kind::Bytes : Kind::String);
            v->s = str(n);
            m_stack.push_back(v);
            break;
        }
        case 'c': { // GLOBAL "module\nname\n"
            const std::string module = line();
            const std::string name = line();
            m_stack.push_back(global(module, name));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            Value* name = pop();
            Value* module = pop();
            if (name->kind != Kind::String || module->kind != Kind::String) {
                malformed("STACK_GLOBAL needs two strings");
            }
            m_stack.push_back(global(module->s, name->s));
            break;
        }
        case 'R': {
            Value* args = pop();
            Value* callable = pop();
            m_stack.push_back(reduce(callable, args));
            break;
        }
        case 'b': { // BUILD: object state (OrderedDict's _metadata attribute); ignored
            pop();
            Value* obj = top();
            if (obj->kind != Kind::Dict) {
                malformed(std::string("BUILD on a ") + kindName(obj->kind));
            }
            break;
        }
        case 'Q': { // BINPERSID
            Value* pid = pop();
            m_stack.push_back(persistentLoad(pid));
            break;
        }
        case 'q':
            memoPut(le<std::uint8_t>());
            break;
        case 'r':
            memoPut(le<std::uint32_t>());
            break;
        case 0x94:
            memoPut(m_memo.size());
            break;
        case 'h':
            m_stack.push_back(memoGet(le<std::uint8_t>()));
            break;
        case 'j':
            m_stack.push_back(memoGet(le<std::uint32_t>()));
            break;
        case '0':
            pop();
            break;
        case '1':
            popMark();
            break;
        case '2':
            m_stack.push_back(top());
            break;
        default:
            malformed(fmt::format("unsupported pickle opcode 0x{:02x}", op));
        }
    }
}

std::optional<std::string> scalarText(const Value* v)
{
    switch (v->kind) {
    case Kind::Int:
        return std::to_string(v->i);
    case Kind::Bool:
        return v->i ? "true" : "false";
    case Kind::Float:
        return fmt::format("{}", v->f);
    case Kind::String:
        return v->s;
    case Kind::None:
        return "None";
    default:
        return std::nullopt;
    }
}

bool isContiguous(const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>& stride)
{
    std::int64_t expected = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        if (shape[d] != 1 && stride[d] != expected) {
            return false;
        }
        expected *= shape[d];
    }
    return true;
}

} // namespace

Result<TorchCheckpoint> TorchCheckpoint::open(const std::filesystem::path& path)
{
    auto zip = ZipArchive::open(path);
    if (!zip) {
        return std::move(zip).error();
    }
    // Re-run the checkpoint logic on the mapped archive, keeping the mapping.
    auto ckpt = parse(zip->bytes(), path.string());
    if (!ckpt) {
        return std::move(ckpt).error();
    }
    ckpt->m_zip = std::move(*zip);
    // Views point into the same mapping: the archive's bytes did not move.
    return ckpt;
}

Result<TorchCheckpoint> TorchCheckpoint::parse(std::span<const std::byte> bytes, std::string label)
{
    return guard([&]() -> TorchCheckpoint {
        TorchCheckpoint ck;
        auto zip = ZipArchive::parse(bytes, label);
        if (!zip) {
            fail(std::move(zip).error());
        }
        ck.m_zip = std::move(*zip);
        const auto pkls = ck.m_zip.findSuffix("data.pkl");
        std::vector<const ZipArchive::Entry*> roots;
        for (const auto* e : pkls) {
            // "<archive>/data.pkl" exactly one level deep (torch.save's layout).
            const auto slash = e->name.find('/');
            if (slash != std::string::npos && e->name.substr(slash + 1) == "data.pkl") {
                roots.push_back(e);
            }
        }
        if (roots.size() != 1) {
            fail(Error(Errc::BadModelFile,
                       "not a torch.save checkpoint: expected exactly one '<name>/data.pkl' in "
                       "the zip archive")
                     .inFile(label)
                     .mismatch("1 data.pkl", std::to_string(roots.size())));
        }
        const std::string prefix = roots[0]->name.substr(0, roots[0]->name.size() - 8);
        auto pickle = ck.m_zip.read(*roots[0], kMaxPickleBytes);
        if (!pickle) {
            fail(std::move(pickle).error());
        }
        Unpickler up(*pickle, label, roots[0]->name);
        const Value* root = up.load();
        if (root->kind != Kind::Dict) {
            fail(Error(Errc::BadModelFile, "checkpoint root is not a dict")
                     .inFile(label)
                     .mismatch("a dict (state dict or {'model_state_dict': ...})",
                               kindName(root->kind)));
        }
        const Value* stateDict = root;
        for (const auto& [k, v] : root->entries) {
            if (k->kind == Kind::String && k->s == "model_state_dict") {
                if (v->kind != Kind::Dict) {
                    fail(Error(Errc::BadModelFile, "'model_state_dict' is not a dict")
                             .inFile(label)
                             .at("model_state_dict")
                             .mismatch("dict", kindName(v->kind)));
                }
                stateDict = v;
                ck.m_hadModelStateDict = true;
            }
        }
        if (ck.m_hadModelStateDict) {
            for (const auto& [k, v] : root->entries) {
                if (k->kind == Kind::String && k->s != "model_state_dict") {
                    if (auto text = scalarText(v)) {
                        ck.m_metadata[k->s] = *text;
                    }
                }
            }
        }

        for (const auto& item : stateDict->entries) {
            const Value* k = item.first; // not a structured binding: lambdas below capture it
            const Value* v = item.second;
            if (k->kind != Kind::String) {
                fail(Error(Errc::BadModelFile, "state dict key is not a string")
                         .inFile(label)
                         .mismatch("str", kindName(k->kind)));
            }
            if (v->kind != Kind::Tensor) {
                fail(Error(Errc::BadModelFile, "state dict entry is not a tensor")
                         .inFile(label)
                         .at(k->s)
                         .mismatch("tensor", kindName(v->kind)));
            }
            auto err = [&](std::string msg) {
                return Error(Errc::BadModelFile, std::move(msg)).inFile(label).at(k->s);
            };
            const Value* st = v->storage;
            const std::string entryName = prefix + "data/" + st->s;
            const ZipArchive::Entry* entry = ck.m_zip.find(entryName);
            if (entry == nullptr) {
                fail(err("tensor storage is missing from the archive (truncated file?)")
                         .mismatch("entry " + entryName, "none"));
            }
            const std::uint64_t elem = dtypeSize(st->dtype);
            if (static_cast<std::uint64_t>(st->numel) > entry->uncompressedSize / elem) {
                fail(err("tensor storage is shorter than declared (truncated file?)")
                         .mismatch(std::to_string(static_cast<std::uint64_t>(st->numel) * elem) +
                                       " bytes in " + entryName,
                                   std::to_string(entry->uncompressedSize) + " bytes"));
            }
            std::uint64_t numel = 1;
            for (std::int64_t d : v->shape) {
                if (d < 0) {
                    fail(err("negative tensor dimension").mismatch(">= 0", std::to_string(d)));
                }
                if (d != 0 && numel > (std::uint64_t(1) << 62) / static_cast<std::uint64_t>(d)) {
                    fail(err("tensor shape is too large"));
                }
                numel *= static_cast<std::uint64_t>(d);
            }
            if (!isContiguous(v->shape, v->stride)) {
                std::string strides = shapeString(v->stride);
                fail(err("non-contiguous tensor (views with strides are not supported; save "
                         "contiguous tensors)")
                         .mismatch("contiguous strides for shape " + shapeString(v->shape),
                                   "strides " + strides));
            }
            if (v->offset < 0 ||
                static_cast<std::uint64_t>(v->offset) > static_cast<std::uint64_t>(st->numel) ||
                numel > static_cast<std::uint64_t>(st->numel) - v->offset) {
                fail(err("tensor lies outside its storage")
                         .mismatch("offset + numel <= " + std::to_string(st->numel),
                                   std::to_string(v->offset) + " + " + std::to_string(numel)));
            }
            auto data = ck.m_zip.storedData(*entry);
            if (!data) {
                fail(std::move(data).error().at(k->s));
            }
            TensorView t;
            t.name = k->s;
            t.dtype = st->dtype;
            t.shape = v->shape;
            t.bytes = data->subspan(static_cast<std::size_t>(v->offset * elem),
                                    static_cast<std::size_t>(numel * elem));
            if (ck.m_index.count(t.name) != 0) {
                fail(err("duplicate tensor name in the state dict"));
            }
            ck.m_index.emplace(t.name, ck.m_tensors.size());
            ck.m_storageEntries.push_back(
                static_cast<std::size_t>(entry - ck.m_zip.entries().data()));
            ck.m_tensors.push_back(std::move(t));
        }
        return ck;
    });
}

const TensorView* TorchCheckpoint::find(std::string_view name) const
{
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

Result<const TensorView*> TorchCheckpoint::require(std::string_view name) const
{
    if (const TensorView* t = find(name)) {
        return t;
    }
    return Error(Errc::BadModelFile, "missing tensor").inFile(label()).at(std::string(name));
}

const ZipArchive::Entry* TorchCheckpoint::storageEntry(std::string_view tensorName) const
{
    auto it = m_index.find(tensorName);
    return it == m_index.end() ? nullptr : &m_zip.entries()[m_storageEntries[it->second]];
}

} // namespace pw
