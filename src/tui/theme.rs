//! How the app looks and speaks: colours, symbols and the language of its text.
//! `NO_COLOR` / `--no-color` keep the screen readable with bold, underline and reverse
//! only; `--ascii` draws with plain ASCII; `--lang` (or the locale) picks the language.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::lessons::Lang;

/// The glyphs the views draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    pub border: border::Set<'static>,
    pub play: &'static str,
    pub pause: &'static str,
    pub done: &'static str,
    pub failed: &'static str,
    /// Gutter mark of the running line.
    pub running: &'static str,
    /// Gutter mark of a line where another task is.
    pub task: &'static str,
    pub arrow: &'static str,
    pub back_arrow: &'static str,
    pub ellipsis: &'static str,
    pub bar_running: &'static str,
    pub bar_ready: &'static str,
    pub bar_waiting: &'static str,
    pub bar_blocked: &'static str,
    pub now: &'static str,
    pub selected: &'static str,
    pub bullet: &'static str,
    pub rule: &'static str,
    pub times: &'static str,
}

pub const UNICODE: Symbols = Symbols {
    border: border::ROUNDED,
    play: "▶",
    pause: "⏸",
    done: "✓",
    failed: "✗",
    running: "▶",
    task: "●",
    arrow: "→",
    back_arrow: "◂",
    ellipsis: "…",
    bar_running: "█",
    bar_ready: "▒",
    bar_waiting: "─",
    bar_blocked: "▓",
    now: "│",
    selected: "▸",
    bullet: "•",
    rule: "─",
    times: "×",
};

pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub const ASCII: Symbols = Symbols {
    border: ASCII_BORDER,
    play: ">",
    pause: "||",
    done: "ok",
    failed: "x",
    running: ">",
    task: "*",
    arrow: "->",
    back_arrow: "<",
    ellipsis: "...",
    bar_running: "#",
    bar_ready: "+",
    bar_waiting: "-",
    bar_blocked: "!",
    now: "|",
    selected: ">",
    bullet: "-",
    rule: "-",
    times: "x",
};

/// Task colours, by creation order.
const TASK_COLORS: [Color; 6] =
    [Color::Cyan, Color::Magenta, Color::Yellow, Color::Green, Color::Blue, Color::LightRed];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    pub sym: Symbols,
    /// The language of the lessons and of the labels.
    pub lang: Lang,
}

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Theme {
        Theme { color, ascii, sym: if ascii { ASCII } else { UNICODE }, lang: Lang::En }
    }

    pub fn with_lang(self, lang: Lang) -> Theme {
        Theme { lang, ..self }
    }

    /// The labels in the theme's language.
    pub fn ui(&self) -> &'static super::strings::Ui {
        super::strings::ui(self.lang)
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn task(&self, index: usize) -> Style {
        self.fg(TASK_COLORS[index % TASK_COLORS.len()])
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    pub fn emphasis(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    pub fn inline_code(&self) -> Style {
        if self.color {
            Style::new().fg(Color::LightGreen)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::LightCyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new(),
        }
    }

    /// The LOOP BLOCKED banner and the blocked spans.
    pub fn blocked(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn blocked_text(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn stderr(&self) -> Style {
        self.fg(Color::LightRed)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::LightGreen).add_modifier(Modifier::BOLD)
    }

    pub fn note(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::LightYellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The running line's background.
    pub fn running_line(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(40, 44, 60)).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::LightCyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn syntax(&self, class: super::highlight::Class) -> Style {
        use super::highlight::Class;
        if !self.color {
            return match class {
                Class::Keyword | Class::Async => Style::new().add_modifier(Modifier::BOLD),
                Class::Comment => Style::new().add_modifier(Modifier::DIM),
                _ => Style::new(),
            };
        }
        match class {
            Class::Keyword => Style::new().fg(Color::LightMagenta),
            Class::Async => Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            Class::Definition => Style::new().fg(Color::LightBlue).add_modifier(Modifier::BOLD),
            Class::Call => Style::new().fg(Color::LightBlue),
            Class::String => Style::new().fg(Color::Green),
            Class::Number | Class::Constant => Style::new().fg(Color::LightCyan),
            Class::Comment => Style::new().fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            Class::Operator | Class::Name | Class::Plain => Style::new(),
        }
    }
}
