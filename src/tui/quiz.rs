//! A quiz as the player asks it: the question, the right answer (found in the recorded
//! run when the lesson was opened), and what the learner chose.

use crate::lessons::quiz::{answer, Answer};
use crate::lessons::{Lesson, Quiz};
use crate::trace::Stamped;

#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    pub quiz: Quiz,
    pub answer: Answer,
    /// The choice the cursor is on (↑/↓).
    pub selected: usize,
    /// What the learner answered (None: not yet, or skipped).
    pub chosen: Option<usize>,
    /// The question was put (answered or skipped): it is not asked again.
    pub asked: bool,
    /// The quiz's own hint is showing.
    pub hint: bool,
}

impl QuizState {
    /// The quizzes of `lesson` that its runs can answer (`events[i]`: program i's
    /// events). A quiz the run cannot answer is left out: `aiotutor check` reports it.
    pub fn for_lesson(lesson: &Lesson, events: &[&[Stamped]]) -> Vec<QuizState> {
        lesson
            .quizzes
            .iter()
            .filter_map(|q| {
                let file = &lesson.programs.get(q.program)?.file;
                let answer = answer(q, file, events.get(q.program)?).ok()?;
                Some(QuizState { quiz: q.clone(), answer, selected: 0, chosen: None, asked: false, hint: false })
            })
            .collect()
    }

    pub fn answered(&self) -> bool {
        self.chosen.is_some()
    }

    pub fn right(&self) -> bool {
        self.chosen == Some(self.answer.index)
    }

    pub fn select(&mut self, delta: i32) {
        let n = self.quiz.choices.len() as i32;
        self.selected = (self.selected as i32 + delta).rem_euclid(n) as usize;
    }

    /// Answer with choice `k` (0-based); false when there is no such choice or the quiz
    /// is already answered.
    pub fn choose(&mut self, k: usize) -> bool {
        if self.answered() || k >= self.quiz.choices.len() {
            return false;
        }
        self.selected = k;
        self.chosen = Some(k);
        self.asked = true;
        true
    }
}

/// Right answers and questions asked, over all quizzes.
pub fn score(quizzes: &[QuizState]) -> (u32, u32) {
    (quizzes.iter().filter(|q| q.right()).count() as u32, quizzes.len() as u32)
}
