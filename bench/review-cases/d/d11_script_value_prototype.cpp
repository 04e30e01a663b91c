// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: script::Value is a handle wrapping shared_ptr<ObjectData>, and defineClass stores the prototype in the constructor object and the constructor back in the prototype (JS-style constructor.prototype.constructor), so each defined class is a strong cycle that outlives the interpreter's scope.
#include <iostream>
#include <map>
#include <memory>
#include <string>

namespace script {

struct ObjectData;

class Value {
public:
    enum class Kind { Nil, Number, String, Object };

    Value() = default;
    static Value number(double d) { Value v; v.kind_ = Kind::Number; v.num_ = d; return v; }
    static Value string(std::string s) { Value v; v.kind_ = Kind::String; v.str_ = std::move(s); return v; }
    static Value object();

    Kind kind() const { return kind_; }
    double asNumber() const { return num_; }
    const std::string& asString() const { return str_; }

    void set(const std::string& key, const Value& v);
    Value get(const std::string& key) const;
    bool same(const Value& o) const { return obj_ && obj_ == o.obj_; }

private:
    Kind kind_ = Kind::Nil;
    double num_ = 0;
    std::string str_;
    std::shared_ptr<ObjectData> obj_; // LEAK-HERE
};

struct ObjectData {
    std::map<std::string, Value> fields; // LEAK-HERE
};

Value Value::object() {
    Value v;
    v.kind_ = Kind::Object;
    v.obj_ = std::make_shared<ObjectData>();
    return v;
}

void Value::set(const std::string& key, const Value& v) {
    if (kind_ != Kind::Object) return;
    obj_->fields[key] = v; // LEAK-HERE
}

Value Value::get(const std::string& key) const {
    if (kind_ != Kind::Object) return Value();
    auto it = obj_->fields.find(key);
    if (it != obj_->fields.end()) return it->second;
    auto proto = obj_->fields.find("__proto__");
    return proto == obj_->fields.end() ? Value() : proto->second.get(key);
}

Value defineClass(const std::string& name, double version) {
    Value ctor = Value::object();
    Value proto = Value::object();
    ctor.set("name", Value::string(name));
    ctor.set("prototype", proto); // LEAK-HERE
    proto.set("constructor", ctor); // LEAK-HERE
    proto.set("version", Value::number(version));
    return ctor;
}

Value instantiate(const Value& ctor) {
    Value inst = Value::object();
    inst.set("__proto__", ctor.get("prototype"));
    return inst;
}

} // namespace script

int main() {
    using script::Value;
    for (int run = 0; run < 5; ++run) {
        Value globals = Value::object();
        Value point = script::defineClass("Point", 1.0 + run);
        globals.set("Point", point);
        Value p = script::instantiate(point);
        p.set("x", Value::number(3));
        std::cout << p.get("constructor").get("name").asString() << " v"
                  << p.get("version").asNumber() << " same ctor: "
                  << p.get("constructor").same(point) << "\n";
    }
    return 0;
}
