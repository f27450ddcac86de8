//! `aiotutor new NAME`: a commented lesson file that passes `check`, to start from.

/// The lesson id for a file stem: `16-my-lesson` → `my-lesson` (the number orders the
/// curriculum; it is not part of the id).
pub fn id_for(stem: &str) -> String {
    let unnumbered = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let unnumbered = match unnumbered.strip_prefix(['-', '_']) {
        Some(rest) if unnumbered.len() < stem.len() && !rest.is_empty() => rest,
        _ => stem,
    };
    let mut id: String = unnumbered
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() {
        "my-lesson".to_string()
    } else {
        id
    }
}

/// The text of a new lesson with this id.
pub fn scaffold(id: &str) -> String {
    let mut title: String = id.replace('-', " ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    TEMPLATE.replace("{id}", id).replace("{title}", &title)
}

const TEMPLATE: &str = r#"# A lesson for aiotutor. Every key is described in lessons/README.md.
#
#   aiotutor check FILE.toml            validates it (the code runs, the output is as expected)
#   aiotutor lesson FILE.toml --watch   plays it, and reloads each time you save
#
# Prose is Markdown. Each piece of text comes in English (`.en`) and Korean (`.ko`);
# code comments stay in English.

id = "{id}"
title.en = "{title}"
title.ko = "{title}"
summary.en = "Two tasks sleep at the same time: the program takes as long as the longer sleep."
summary.ko = "두 태스크가 동시에 잠듭니다. 프로그램은 더 긴 sleep만큼만 걸립니다."

# Pages of prose, turned with `n` and `p`.
[[page]]
text.en = """
# Two tasks, one loop

`asyncio.gather` wraps each coroutine in a task. Both tasks start, print, and sleep;
while they sleep the event loop has nothing to run, so it waits for the sooner timer.

Press `space` to play, `→` to step one handle.
"""
text.ko = """
# 두 태스크, 하나의 루프

`asyncio.gather`는 각 코루틴을 태스크로 감쌉니다. 두 태스크가 시작해서 출력하고 잠듭니다.
태스크가 자는 동안 이벤트 루프는 실행할 것이 없으므로 더 빠른 타이머를 기다립니다.

`space`로 재생하고, `→`로 핸들 하나씩 진행합니다.
"""

# The program: one, or two `[[program]]`s shown side by side on one clock.
[[program]]
file = "main.py"
code = '''
import asyncio


async def worker(name, delay):
    print(f"{name}: start")
    await asyncio.sleep(delay)
    print(f"{name}: done after {delay} s")


async def main():
    await asyncio.gather(worker("a", 1), worker("b", 2))


asyncio.run(main())
'''

# What the program must print, and (optionally) when it ends: `aiotutor check` runs it
# and fails if the engine disagrees.
[program.expect]
output = '''
a: start
b: start
a: done after 1 s
b: done after 2 s
'''
time = 2.0

# Playback stops the first time line 6 runs, and shows the note.
[[program.pause]]
line = 6
note.en = "Both tasks are about to sleep. Look at the timers: two, due at 1 s and 2 s."
note.ko = "두 태스크가 곧 잠듭니다. 타이머를 보세요: 1초와 2초에 만료되는 두 개입니다."

# A question asked before the program plays. The right answer is not written here:
# aiotutor runs the program and finds it (kinds: first, output, duration).
[[quiz]]
kind = "duration"
question.en = "How long does the whole program take?"
question.ko = "프로그램 전체는 얼마나 걸릴까요?"
choices = [1, 2, 3]
explain.en = "The sleeps overlap: the loop waits for both timers at once, so the total is the longer sleep, 2 s."
explain.ko = "두 sleep이 겹칩니다. 루프가 두 타이머를 동시에 기다리므로 전체 시간은 더 긴 sleep인 2초입니다."

# Hints, shown one at a time with `i`.
[[hint]]
text.en = "Count the timers in the loop panel, and when each is due."
text.ko = "루프 패널의 타이머 수와 각각의 만료 시각을 세어 보세요."

# Shown when the lesson has been played to the end.
[recap]
text.en = """
- `gather` runs its coroutines as tasks, concurrently.
- Waiting together takes as long as the longest wait.
"""
text.ko = """
- `gather`는 코루틴들을 태스크로 만들어 동시에 실행합니다.
- 함께 기다리면 가장 긴 대기만큼만 걸립니다.
"""
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_for("16-my-lesson"), "my-lesson");
        assert_eq!(id_for("My Lesson"), "my-lesson");
        assert_eq!(id_for("queues"), "queues");
        assert_eq!(id_for("2024"), "2024");
        assert_eq!(id_for("--"), "my-lesson");
    }

    #[test]
    fn the_scaffold_loads() {
        let text = scaffold("my-lesson");
        let lesson = crate::lessons::load_str("my-lesson.toml", &text).expect("the scaffold loads");
        assert_eq!(lesson.title.en, "My lesson");
        assert_eq!(lesson.quizzes.len(), 1);
    }
}
