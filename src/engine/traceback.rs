//! CPython-shaped tracebacks: `Traceback (most recent call last):`, one `File ...` entry
//! per frame with its source line, exception chaining (`__cause__`, `__context__`), and
//! exception groups drawn as CPython 3.11's `traceback` module draws them (the `| ` margin
//! and the `+---- N ----` separators).

use super::value::types::class_of;
use super::value::{ExcKind, TbEntry, Value};
use super::vm::Vm;

/// CPython's limits on how much of an exception group is printed.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// The full text CPython prints for an uncaught exception (ends with a newline).
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut ctx = PrintContext { out: String::new(), seen: Vec::new(), group_depth: 0, need_close: false };
    ctx.format(vm, exc);
    ctx.out
}

/// `traceback._ExceptionPrintContext`.
struct PrintContext {
    out: String,
    seen: Vec<usize>,
    group_depth: usize,
    need_close: bool,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Emit lines with the current indent and margin (`| ` inside groups).
    fn emit(&mut self, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.group_depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }

    fn format(&mut self, vm: &mut Vm, exc: &Value) {
        // The chain, outermost cause first.
        let mut chain: Vec<(Option<&'static str>, Value)> = Vec::new();
        let mut cur = Some(exc.clone());
        let mut msg = None;
        while let Some(e) = cur.take() {
            if self.seen.contains(&e.identity()) || chain.len() > 64 {
                break;
            }
            self.seen.push(e.identity());
            let next = e.exc().and_then(|d| {
                let d = d.borrow();
                if !d.cause.is_none() && d.cause.exc().is_some() {
                    Some((CAUSE, d.cause.clone()))
                } else if !d.suppress_context && !d.context.is_none() && d.context.exc().is_some() {
                    Some((CONTEXT, d.context.clone()))
                } else {
                    None
                }
            });
            chain.push((msg, e));
            if let Some((m, n)) = next {
                msg = Some(m);
                cur = Some(n);
            }
        }
        for (msg, e) in chain.into_iter().rev() {
            self.format_one(vm, &e);
            if let Some(m) = msg {
                self.emit(m, '|');
            }
        }
    }

    fn format_one(&mut self, vm: &mut Vm, exc: &Value) {
        let tb = exc.exc().map(|d| d.borrow().traceback.clone()).unwrap_or_default();
        if !super::vm::exc_group::is_group(exc) {
            if !tb.is_empty() {
                self.emit("Traceback (most recent call last):\n", '|');
                self.emit(&format_stack(&tb), '|');
            }
            self.emit(&format!("{}\n", exception_line(vm, exc)), '|');
            self.emit_notes(exc);
            return;
        }
        if self.group_depth > MAX_GROUP_DEPTH {
            self.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
            return;
        }
        let toplevel = self.group_depth == 0;
        if toplevel {
            self.group_depth += 1;
        }
        if !tb.is_empty() {
            self.emit("Exception Group Traceback (most recent call last):\n", if toplevel { '+' } else { '|' });
            self.emit(&format_stack(&tb), '|');
        }
        self.emit(&format!("{}\n", exception_line(vm, exc)), '|');
        self.emit_notes(exc);
        let members = super::vm::exc_group::group_exceptions(exc);
        let n = members.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for (i, m) in members.iter().take(n).enumerate() {
            let last = i + 1 == n;
            if last {
                self.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
            let lead = if i == 0 { "+-" } else { "  " };
            self.out.push_str(&format!("{}{lead}+---------------- {title} ----------------\n", self.indent()));
            self.group_depth += 1;
            if truncated {
                let more = members.len() - MAX_GROUP_WIDTH;
                let s = if more > 1 { "s" } else { "" };
                self.emit(&format!("and {more} more exception{s}\n"), '|');
            } else {
                self.format(vm, m);
            }
            if last && self.need_close {
                self.out.push_str(&format!("{}+------------------------------------\n", self.indent()));
                self.need_close = false;
            }
            self.group_depth -= 1;
        }
        if toplevel {
            self.group_depth = 0;
        }
    }

    fn emit_notes(&mut self, exc: &Value) {
        let notes = exc.exc().map(|d| d.borrow().notes.clone()).unwrap_or_default();
        for n in notes {
            if let Value::Str(ref s) = n {
                self.emit(&format!("{s}\n"), '|');
            }
        }
    }
}

const CAUSE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The `File "...", line N, in f` entries, outermost first; a line repeated more than
/// three times is printed three times, then counted (as CPython does).
fn format_stack(tb: &[TbEntry]) -> String {
    let mut out = String::new();
    let mut previous: Option<(&str, u32, &str)> = None;
    let mut repeats = 0;
    for e in tb.iter().rev() {
        let key = (&*e.file, e.line, &*e.func);
        if previous == Some(key) {
            repeats += 1;
        } else {
            flush_repeats(&mut out, repeats);
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
    flush_repeats(&mut out, repeats);
    out
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
    let _ = ExcKind::Exception;
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}
