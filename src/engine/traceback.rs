//! CPython-shaped tracebacks: `Traceback (most recent call last):`, one `File ...` entry
//! per frame with its source line, exception chaining, and the final `Type: message`.

use super::value::types::class_of;
use super::value::{ExcKind, Value};
use super::vm::Vm;

/// The full text CPython prints for an uncaught exception (ends with a newline).
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut out, &mut seen, 0);
    out
}

fn format_chain(vm: &mut Vm, exc: &Value, out: &mut String, seen: &mut Vec<usize>, depth: usize) {
    seen.push(exc.identity());
    if depth < 32 {
        if let Some(data) = exc.exc() {
            let (cause, context, suppress) = {
                let d = data.borrow();
                (d.cause.clone(), d.context.clone(), d.suppress_context)
            };
            if !cause.is_none() && cause.exc().is_some() && !seen.contains(&cause.identity()) {
                format_chain(vm, &cause, out, seen, depth + 1);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            } else if !suppress && !context.is_none() && context.exc().is_some() && !seen.contains(&context.identity()) {
                format_chain(vm, &context, out, seen, depth + 1);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
    }
    format_one(vm, exc, out);
}

fn format_one(vm: &mut Vm, exc: &Value, out: &mut String) {
    if let Some(data) = exc.exc() {
        let tb = data.borrow().traceback.clone();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            // CPython prints a line repeated more than 3 times once, then a count.
            let mut previous: Option<(&str, u32, &str)> = None;
            let mut repeats = 0;
            for e in tb.iter().rev() {
                let key = (&*e.file, e.line, &*e.func);
                if previous == Some(key) {
                    repeats += 1;
                } else {
                    flush_repeats(out, repeats);
                    previous = Some(key);
                    repeats = 0;
                }
                if repeats < 3 {
                    out.push_str(&format!("  File \"{}\", line {}, in {}\n", e.file, e.line, e.func));
                    if !e.source_line.is_empty() {
                        out.push_str(&format!("    {}\n", e.source_line));
                    }
                }
            }
            flush_repeats(out, repeats);
        }
    }
    let is_group = class_of(exc).is_subclass(&super::value::types::types().exc(ExcKind::BaseExceptionGroup));
    out.push_str(&exception_line(vm, exc));
    out.push('\n');
    if is_group {
        format_group_members(vm, exc, out);
    }
}

fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= 3 {
        let n = repeats - 2;
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}

/// `ValueError: x too big: 3` (just the type when the message is empty).
pub fn exception_line(vm: &mut Vm, exc: &Value) -> String {
    let cls = class_of(exc);
    let name = if cls.is_user() && &*cls.module != "__main__" && &*cls.module != "builtins" {
        format!("{}.{}", cls.module, cls.qualname)
    } else {
        cls.qualname.to_string()
    };
    let msg = vm.str(exc).unwrap_or_else(|_| "<exception str() failed>".into());
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// ExceptionGroup members, indented with CPython's box drawing.
fn format_group_members(vm: &mut Vm, exc: &Value, out: &mut String) {
    let members = super::vm::exc_group::group_exceptions(exc);
    let n = members.len();
    for (i, m) in members.iter().enumerate() {
        let header = if i == 0 { "+-+---------------- 1 ----------------" } else { "" };
        if i == 0 {
            out.push_str(&format!("  {header}\n"));
        } else {
            out.push_str(&format!("    +---------------- {} ----------------\n", i + 1));
        }
        let mut inner = String::new();
        format_one(vm, m, &mut inner);
        for line in inner.lines() {
            out.push_str(&format!("    | {line}\n"));
        }
        if i + 1 == n {
            out.push_str("    +------------------------------------\n");
        }
    }
}
