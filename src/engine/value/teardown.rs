//! Freeing what a finished program leaves in reference cycles.
//!
//! Values are reference counted and the engine has no cycle collector, so every cycle a
//! run makes outlives it: a module's functions hold the module's namespace, which holds
//! them; a class's methods hold their module; a suspended coroutine's frame holds the
//! coroutine. Each run used to leak its asyncio prelude (compiled code, functions and
//! classes, some hundreds of kilobytes) and whatever its own program kept in globals;
//! a fuzzer running thousands of programs in one process ran out of memory from it.
//!
//! When the program has ended, nothing of it is used again, so `clear_all` does what
//! CPython's finalization and its last garbage collections do: it empties every
//! namespace, container, cell and frame reachable from the roots it is given, which
//! breaks the cycles through them, and the reference counts free the rest. Built-in
//! classes (the thread's `types()` registry, shared by later runs on the thread) are
//! left alone. Objects implemented by host layers (`Value::Object`: tasks, futures, the
//! loop) are not looked into: cycles that pass only through them stay.

use rustc_hash::FxHashSet;

use super::Value;

/// Empty every mutable container reachable from `roots` (see the module's doc).
pub fn clear_all(roots: impl IntoIterator<Item = Value>) {
    let mut work: Vec<Value> = roots.into_iter().collect();
    // Immutable values are looked into once (a DAG of tuples can share a lot); mutable
    // ones are emptied on the first visit, so a second visit finds nothing.
    let mut seen: FxHashSet<usize> = FxHashSet::default();
    while let Some(v) = work.pop() {
        match &v {
            Value::List(l) => work.append(&mut std::mem::take(&mut *l.borrow_mut())),
            Value::Dict(d) => {
                let map = std::mem::take(&mut d.borrow_mut().map);
                for (k, v) in map {
                    work.push(k.value);
                    work.push(v);
                }
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.borrow_mut().drain_values().collect();
                work.extend(items);
            }
            Value::Cell(c) => work.push(std::mem::take(&mut *c.borrow_mut())),
            Value::Module(m) => {
                let items: Vec<Value> = m.dict.borrow_mut().drain_values().collect();
                work.extend(items);
            }
            Value::Class(c) => {
                if &*c.module != "builtins" {
                    let items: Vec<Value> = c.dict.borrow_mut().drain_values().collect();
                    work.extend(items);
                    work.extend(c.bases.iter().cloned().map(Value::Class));
                }
            }
            Value::Instance(i) => {
                let items: Vec<Value> = i.dict.borrow_mut().drain_values().collect();
                work.extend(items);
                work.push(Value::Class(i.class.clone()));
                if let Some(exc) = &i.exc {
                    let mut exc = exc.borrow_mut();
                    work.append(&mut exc.args);
                    work.append(&mut exc.notes);
                    work.push(std::mem::take(&mut exc.cause));
                    work.push(std::mem::take(&mut exc.context));
                }
            }
            Value::Function(f) => {
                if seen.insert(v.identity()) {
                    let globals: Vec<Value> = f.globals.borrow_mut().drain_values().collect();
                    work.extend(globals);
                    let attrs: Vec<Value> = f.dict.borrow_mut().drain_values().collect();
                    work.extend(attrs);
                    for cell in &f.closure {
                        work.push(std::mem::take(&mut *cell.borrow_mut()));
                    }
                    work.extend(f.defaults.iter().cloned());
                    work.extend(f.kwdefaults.iter().map(|(_, d)| d.clone()));
                }
            }
            Value::Generator(g) => {
                // The frame holds its generator (`owner`): taking it out breaks that cycle.
                let frame = g.frame.borrow_mut().take();
                if let Some(mut frame) = frame {
                    work.append(&mut frame.stack);
                    for cell in &frame.cells {
                        work.push(std::mem::take(&mut *cell.borrow_mut()));
                    }
                    let globals: Vec<Value> = frame.globals.borrow_mut().drain_values().collect();
                    work.extend(globals);
                }
            }
            Value::Tuple(t) => {
                if seen.insert(v.identity()) {
                    work.extend(t.iter().cloned());
                }
            }
            Value::FrozenSet(s) => {
                if seen.insert(v.identity()) {
                    work.extend(s.iter().cloned());
                }
            }
            Value::Slice(s) => work.extend(s.iter().cloned()),
            Value::Method(m) => {
                if seen.insert(v.identity()) {
                    work.push(m.0.clone());
                    work.push(m.1.clone());
                }
            }
            Value::BuiltinMethod(m) => work.push(m.0.clone()),
            Value::StaticMethod(x) | Value::ClassMethod(x) => work.push(Value::clone(x)),
            Value::Super(s) => work.push(s.1.clone()),
            Value::Property(p) => {
                if seen.insert(v.identity()) {
                    work.push(p.fget.clone());
                    work.push(p.fset.clone());
                }
            }
            Value::DictView(d) => work.push(Value::Dict(d.0.clone())),
            _ => {}
        }
        // `v` drops here: its children are on the worklist, so this frees one level.
        drop(v);
    }
}
