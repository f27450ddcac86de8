//! The loop as Python code sees it (`asyncio.get_running_loop()`), and its handles.

use std::any::Any;
use std::rc::Rc;

use crate::engine::value::number::{as_number, to_f64};
use crate::engine::value::types::class_name;
use crate::engine::value::{Args, Class, ExcKind, NativeObject, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::event_loop::EventLoop;
use super::future::{Future, FutureKind};
use super::handle::{Callback, Handle};

/// The loop's methods that reach sockets, pipes, processes or signals: refused by name.
pub const LOOP_IO: &[&str] = &[
    "create_connection", "create_server", "create_datagram_endpoint", "create_unix_connection",
    "create_unix_server", "connect_accepted_socket", "connect_read_pipe", "connect_write_pipe",
    "subprocess_exec", "subprocess_shell", "sock_connect", "sock_accept", "sock_recv", "sock_recv_into",
    "sock_recvfrom", "sock_sendall", "sock_sendto", "sock_sendfile", "sendfile", "start_tls", "getaddrinfo",
    "getnameinfo", "add_reader", "add_writer", "remove_reader", "remove_writer", "add_signal_handler",
    "remove_signal_handler",
];

pub struct LoopObject {
    pub loop_: Rc<EventLoop>,
}

pub fn loop_value(loop_: &Rc<EventLoop>) -> Value {
    Value::Object(Rc::new(LoopObject { loop_: loop_.clone() }))
}

fn number(v: &Value, what: &str) -> PyResult<f64> {
    match as_number(v) {
        Some(n) => to_f64(&n).map_err(|(k, m)| PyErr::new(k, m)),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as {what}",
            class_name(v)
        ))),
    }
}

fn callback_args(args: &Args, skip: usize, what: &str) -> PyResult<(Value, Vec<Value>)> {
    let Some(func) = args.pos.get(skip).cloned() else {
        return Err(PyErr::type_error(format!("{what}() missing 1 required positional argument: 'callback'")));
    };
    let callable = matches!(func, Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::BuiltinMethod(_) | Value::Class(_))
        || matches!(&func, Value::Instance(i) if i.class.lookup("__call__").is_some());
    if !callable {
        return Err(PyErr::type_error(format!("a callable object was expected by {what}(), got {}", class_name(&func))));
    }
    Ok((func, args.pos[skip + 1..].to_vec()))
}

impl NativeObject for LoopObject {
    fn type_name(&self) -> &'static str {
        "_UnixSelectorEventLoop"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn class(&self) -> Option<Rc<Class>> {
        Some(self.loop_.rt.classes.event_loop.clone())
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        let l = &self.loop_;
        format!("<_UnixSelectorEventLoop running={} closed={} debug=False>", py_bool(l.running.get()), py_bool(l.closed.get()))
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "time" | "call_soon" | "call_soon_threadsafe" | "call_later" | "call_at" | "create_future" | "create_task"
                | "run_in_executor"
                | "is_running" | "is_closed" | "get_debug" | "set_debug" | "stop" | "call_exception_handler"
                | "default_exception_handler"
        ) || LOOP_IO.contains(&name)
    }

    fn call_method(&self, _this: &Value, vm: &mut Vm, name: &str, mut args: Args) -> Option<PyResult<Value>> {
        let l = &self.loop_;
        // Whatever reads or schedules by the clock first accounts the CPU used so far.
        l.rt.sync_cpu(vm);
        Some(match name {
            "time" => Ok(Value::Float(l.time())),
            io if LOOP_IO.contains(&io) => Err(crate::engine::builtins::refused(&format!("loop.{io}()"))),
            "run_in_executor" => super::executor::run_in_executor(vm, l, args),
            "call_soon" | "call_soon_threadsafe" => callback_args(&args, 0, name).map(|(func, a)| {
                handle_value(l, l.call_soon(Callback::Python(Box::new((func, a)))))
            }),
            "call_later" => (|| {
                let delay = number(args.pos.first().unwrap_or(&Value::None), "a delay")?;
                let (func, a) = callback_args(&args, 1, name)?;
                Ok(handle_value(l, l.call_later(delay, Callback::Python(Box::new((func, a))))))
            })(),
            "call_at" => (|| {
                let when = number(args.pos.first().unwrap_or(&Value::None), "a time")?;
                let (func, a) = callback_args(&args, 1, name)?;
                Ok(handle_value(l, l.call_at(when, Callback::Python(Box::new((func, a))))))
            })(),
            "create_future" => Ok(Future::new(l.clone(), FutureKind::Plain).value()),
            "create_task" => (|| {
                let task_name = args.take_kw("name");
                let coro = args.pos.first().cloned().unwrap_or(Value::None);
                super::task::new_task(l, coro, task_name, vm).map(|t| t.value())
            })(),
            "is_running" => Ok(Value::Bool(l.running.get())),
            "is_closed" => Ok(Value::Bool(l.closed.get())),
            "get_debug" => Ok(Value::Bool(l.debug.get())),
            "set_debug" => {
                let on = args.pos.first().cloned().unwrap_or(Value::Bool(true));
                vm.truthy(&on).map(|b| {
                    l.debug.set(b);
                    Value::None
                })
            }
            "stop" => {
                l.stop();
                Ok(Value::None)
            }
            "call_exception_handler" | "default_exception_handler" => {
                let ctx = args.pos.first().cloned().unwrap_or(Value::None);
                let message = vm.get_item(&ctx, &Value::str("message")).ok();
                let exc = vm.get_item(&ctx, &Value::str("exception")).ok();
                let message = match message {
                    Some(Value::Str(ref s)) => s.to_string(),
                    _ => "Unhandled error in event loop".into(),
                };
                match exc {
                    Some(e) if e.exc().is_some() => l.call_exception_handler(vm, &message, &e),
                    _ => {
                        let host = vm.host.clone();
                        host.write_stderr(vm, &format!("{message}\n"));
                    }
                }
                Ok(Value::None)
            }
            _ => return None,
        })
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// A `Handle`/`TimerHandle` object returned by `call_soon`/`call_later`.
pub struct HandleObject {
    pub loop_: Rc<EventLoop>,
    pub handle: Rc<Handle>,
}

fn handle_value(loop_: &Rc<EventLoop>, handle: Rc<Handle>) -> Value {
    Value::Object(Rc::new(HandleObject { loop_: loop_.clone(), handle }))
}

impl NativeObject for HandleObject {
    fn type_name(&self) -> &'static str {
        if self.handle.is_timer() {
            "TimerHandle"
        } else {
            "Handle"
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn class(&self) -> Option<Rc<Class>> {
        let c = &self.loop_.rt.classes;
        Some(if self.handle.is_timer() { c.timer_handle.clone() } else { c.handle.clone() })
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        let state = if self.handle.cancelled.get() { " cancelled" } else { "" };
        if self.handle.is_timer() {
            format!("<TimerHandle{state} when={} {}>", self.handle.when, self.handle.label())
        } else {
            format!("<Handle{state} {}>", self.handle.label())
        }
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "cancel" | "cancelled") || (name == "when" && self.handle.is_timer())
    }

    fn call_method(&self, _this: &Value, _vm: &mut Vm, name: &str, _args: Args) -> Option<PyResult<Value>> {
        Some(match name {
            "cancel" => {
                self.loop_.cancel_handle(&self.handle);
                Ok(Value::None)
            }
            "cancelled" => Ok(Value::Bool(self.handle.cancelled.get())),
            "when" if self.handle.is_timer() => Ok(Value::Float(self.handle.when)),
            _ => return None,
        })
    }
}

#[allow(dead_code)]
fn no_loop() -> PyErr {
    PyErr::new(ExcKind::RuntimeError, "no running event loop")
}
