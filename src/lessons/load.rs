//! TOML text → a validated `Lesson`, or an error located in the file.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::error::{line_col, LessonError};
use super::quiz::{Choice, Quiz, QuizKind};
use super::schema::{ExpectSpec, LessonFile, LocalizedSpec, PageSpec, ProgramSpec, QuizSpec};
use super::{Expect, Lang, Lesson, Pause, Program, Text};

/// Programs a lesson may have: one, or two side by side.
const MAX_PROGRAMS: usize = 2;
/// Choices a quiz may offer (answered with the keys 1 to 9).
const MAX_CHOICES: usize = 9;

/// Bytes a lesson file may have: prose and a program or two are a few kilobytes, and
/// every byte of a lesson is parsed, kept and drawn.
pub const MAX_LESSON_BYTES: usize = 1 << 20;

pub fn load_file(path: &Path) -> Result<Lesson, LessonError> {
    let origin = path.display().to_string();
    let text = read_lesson(path)?;
    load_str(&origin, &text)
}

/// The text of the lesson file at `path`, or why it cannot be one (located).
pub fn read_lesson(path: &Path) -> Result<String, LessonError> {
    use std::io::Read;
    let origin = path.display().to_string();
    let mut bytes = Vec::new();
    // One byte past the limit tells a file that is too large (`/dev/zero` included).
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_LESSON_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| LessonError::at_line_col(&origin, "", 1, 1, format!("cannot read the lesson: {e}")))?;
    decode_lesson(&origin, bytes)
}

/// A lesson file's bytes as text: UTF-8, at most `MAX_LESSON_BYTES`, with Windows line
/// ends made `\n` (the programs and their expected output are compared line by line).
pub fn decode_lesson(origin: &str, bytes: Vec<u8>) -> Result<String, LessonError> {
    if bytes.len() > MAX_LESSON_BYTES {
        let msg = format!("the file is larger than {} MB: too large to be a lesson", MAX_LESSON_BYTES >> 20);
        return Err(LessonError::at_line_col(origin, "", 1, 1, msg));
    }
    let text = crate::engine::source::decode_utf8(bytes).map_err(|b| {
        let msg = format!("the file is not UTF-8 text: byte 0x{:02x} here cannot be read", b.byte);
        LessonError { file: origin.to_string(), line: b.line, col: b.col, message: msg, source_line: b.line_text }
    })?;
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}

/// An error at a byte span of the file.
type Located<T> = Result<T, (Range<usize>, String)>;

/// Parse and validate the lesson `text`, read from `origin`.
pub fn load_str(origin: &str, text: &str) -> Result<Lesson, LessonError> {
    let raw: LessonFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LessonError::at(origin, text, offset, e.message().trim().to_string())
    })?;
    validate(raw, origin, text).map_err(|(span, msg)| LessonError::at(origin, text, span.start, msg))
}

fn validate(raw: LessonFile, origin: &str, text: &str) -> Located<Lesson> {
    validate_id(&raw.id)?;
    let title = localized(&raw.title, "title")?;
    if title.en.trim().is_empty() {
        return Err((raw.title.span(), "the title is empty".into()));
    }
    let summary = localized(&raw.summary, "summary")?;
    if raw.pages.is_empty() {
        return Err((0..0, "a lesson needs at least one [[page]] of prose".into()));
    }
    let pages = raw.pages.iter().map(|p| page(p, "text")).collect::<Located<Vec<_>>>()?;
    match raw.programs.len() {
        0 => return Err((0..0, "a lesson needs a [[program]]: the code it runs".into())),
        n if n > MAX_PROGRAMS => {
            let msg = format!("at most {MAX_PROGRAMS} programs (side by side); this is number {}", MAX_PROGRAMS + 1);
            return Err((raw.programs[MAX_PROGRAMS].span(), msg));
        }
        _ => {}
    }
    let programs = raw.programs.iter().map(|p| program(p.get_ref(), text)).collect::<Located<Vec<_>>>()?;
    if let [a, b] = programs.as_slice() {
        if a.file == b.file {
            return Err((raw.programs[1].get_ref().file.span(), format!("both programs are named {:?}", b.file)));
        }
    }
    let quizzes = raw.quizzes.iter().map(|q| quiz(q, &programs, text)).collect::<Located<Vec<_>>>()?;
    let hints = raw.hints.iter().map(|h| page(h, "text")).collect::<Located<Vec<_>>>()?;
    let recap = raw.recap.as_ref().map(|r| page(r, "text")).transpose()?;
    Ok(Lesson {
        id_at: line_col(text, raw.id.span().start),
        id: raw.id.into_inner(),
        title,
        summary,
        pages,
        programs,
        quizzes,
        hints,
        recap,
        origin: origin.to_string(),
    })
}

fn validate_id(id: &Spanned<String>) -> Located<()> {
    let s = id.get_ref();
    let ok = !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err((id.span(), format!("the id {s:?} must be lowercase letters, digits and '-'")))
    }
}

/// `key.en = "…"`, `key.ko = "…"`: every language there, no other, none empty.
fn localized(spec: &LocalizedSpec, key: &str) -> Located<Text> {
    let mut out = Text::default();
    for (code, value) in spec.get_ref() {
        let Some(lang) = Lang::from_code(code) else {
            let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            return Err((value.span(), format!("`{key}.{code}`: unknown language {code:?} (lessons are written in {})", known.join(", "))));
        };
        if value.get_ref().trim().is_empty() {
            return Err((value.span(), format!("`{key}.{code}` is empty")));
        }
        *out.slot(lang) = value.get_ref().clone();
    }
    for lang in Lang::ALL {
        if !spec.get_ref().contains_key(lang.code()) {
            let msg = format!("`{key}` has no {} text: add `{key}.{}`", lang.name(), lang.code());
            return Err((spec.span(), msg));
        }
    }
    Ok(out)
}

fn page(p: &Spanned<PageSpec>, key: &str) -> Located<Text> {
    localized(&p.get_ref().text, key)
}

fn program(p: &ProgramSpec, text: &str) -> Located<Program> {
    let file = p.file.get_ref();
    if !file.ends_with(".py") || file.contains('/') || file.len() < 4 {
        return Err((p.file.span(), format!("the program's file name {file:?} must be a plain name ending in .py")));
    }
    let source = p.code.get_ref().clone();
    let lines = source.lines().count() as u32;
    let mut pauses = Vec::new();
    for pause in &p.pauses {
        let line = *pause.get_ref().line.get_ref();
        let span = pause.get_ref().line.span();
        check_line(line, lines, span.clone(), "pause")?;
        let note = localized(&pause.get_ref().note, "note")?;
        pauses.push(Pause { line, note, at: line_col(text, span.start) });
    }
    let expect = p.expect.as_ref().map(|e| expect(e.get_ref(), text)).transpose()?.unwrap_or_default();
    let label = p.label.clone().unwrap_or_else(|| file.trim_end_matches(".py").to_string());
    Ok(Program {
        file: file.clone(),
        label,
        source,
        pauses,
        expect,
        first_line: first_string_line(text, p.code.span().start),
    })
}

fn check_line(line: u32, lines: u32, span: Range<usize>, what: &str) -> Located<()> {
    if line == 0 || line > lines {
        return Err((span, format!("{what} line {line} is outside the program (it has {lines} lines)")));
    }
    Ok(())
}

fn expect(e: &ExpectSpec, text: &str) -> Located<Expect> {
    if let Some(t) = &e.time {
        if !t.get_ref().is_finite() || *t.get_ref() < 0.0 {
            return Err((t.span(), format!("the expected time is {} s: a number of seconds, 0 or more", t.get_ref())));
        }
    }
    Ok(Expect {
        output: e.output.as_ref().map(|o| (o.get_ref().clone(), first_string_line(text, o.span().start))),
        time: e.time.as_ref().map(|t| (*t.get_ref(), line_col(text, t.span().start))),
        exit: match &e.exit {
            Some(x) => (*x.get_ref(), Some(line_col(text, x.span().start))),
            None => (0, None),
        },
    })
}

fn quiz(q: &Spanned<QuizSpec>, programs: &[Program], text: &str) -> Located<Quiz> {
    let spec = q.get_ref();
    let kind = QuizKind::from_name(spec.kind.get_ref()).ok_or_else(|| {
        (spec.kind.span(), format!("unknown quiz kind {:?}: use one of {}", spec.kind.get_ref(), QuizKind::NAMES.join(", ")))
    })?;
    let program = match &spec.program {
        None => 0,
        Some(name) => programs.iter().position(|p| p.file == *name.get_ref()).ok_or_else(|| {
            let files: Vec<&str> = programs.iter().map(|p| p.file.as_str()).collect();
            (name.span(), format!("no program is named {:?} (the programs: {})", name.get_ref(), files.join(", ")))
        })?,
    };
    if let Some(line) = &spec.line {
        let lines = programs[program].source.lines().count() as u32;
        check_line(*line.get_ref(), lines, line.span(), "quiz")?;
    }
    let n = spec.choices.get_ref().len();
    if !(2..=MAX_CHOICES).contains(&n) {
        return Err((spec.choices.span(), format!("a quiz offers 2 to {MAX_CHOICES} choices; this one has {n}")));
    }
    let choices = spec.choices.get_ref().iter().map(|c| choice(kind, c)).collect::<Located<Vec<_>>>()?;
    Ok(Quiz {
        kind,
        program,
        line: spec.line.as_ref().map(|l| *l.get_ref()),
        question: localized(&spec.question, "question")?,
        choices,
        explain: localized(&spec.explain, "explain")?,
        hint: spec.hint.as_ref().map(|h| localized(h, "hint")).transpose()?,
        at: line_col(text, q.span().start),
        choices_at: spec.choices.get_ref().iter().map(|c| line_col(text, c.span().start)).collect(),
    })
}

fn choice(kind: QuizKind, c: &Spanned<toml::Value>) -> Located<Choice> {
    match (kind, c.get_ref()) {
        (QuizKind::Duration, toml::Value::Integer(i)) if *i >= 0 => Ok(Choice::Seconds(*i as f64)),
        (QuizKind::Duration, toml::Value::Float(x)) if *x >= 0.0 && x.is_finite() => Ok(Choice::Seconds(*x)),
        (QuizKind::Duration, _) => Err((c.span(), "a `duration` choice is a number of seconds (`1`, `0.08`)".into())),
        (QuizKind::First, toml::Value::String(s)) if !s.contains('\n') && !s.is_empty() => Ok(Choice::Text(s.clone())),
        (QuizKind::First, _) => Err((c.span(), "a `first` choice is one line the program prints".into())),
        (QuizKind::Output, toml::Value::String(s)) if !s.trim().is_empty() => Ok(Choice::Text(s.clone())),
        (QuizKind::Output, _) => Err((c.span(), "an `output` choice is the text the program prints".into())),
    }
}

/// The TOML line holding the first line of a string value starting at `start`
/// (a newline right after an opening `'''` or `"""` is not part of the string).
fn first_string_line(text: &str, start: usize) -> u32 {
    let (line, _) = line_col(text, start);
    let rest = &text[start.min(text.len())..];
    let triple = rest.starts_with("'''") || rest.starts_with("\"\"\"");
    if triple && (rest[3..].starts_with('\n') || rest[3..].starts_with("\r\n")) {
        line + 1
    } else {
        line
    }
}
