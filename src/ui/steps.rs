//! Long work in steps: a job runs for about [`STEP_MS`] at a time, then gives the browser the
//! thread (to draw and answer input) and goes on, reporting how far it got, until it is done or
//! cancelled. The timeline's three runs and the recommender's ranking go this way, so no scenario
//! within the caps freezes the page (issue 13 point 18).

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::Callback;

use crate::model::recommend::{Ranking, Recommendation};
use crate::model::sim::Runs;
use crate::state::run_form::RunsJob;

/// A step runs about this long before the page gets the thread back (the bound is
/// 100 ms; the clock is read between units of work).
pub const STEP_MS: f64 = 40.0;

/// Work that runs in units: ticks of the simulation, types of the ranking.
pub trait Stepped: 'static {
    /// What it gives when done.
    type Out: 'static;
    /// Units per clock reading.
    const UNIT: u64;
    /// Runs at most `n` units; true when done.
    fn advance(&mut self, n: u64) -> bool;
    /// The share done, 0-1.
    fn fraction(&mut self) -> f64;
    /// The result.
    fn finish(self) -> Self::Out;
}

impl Stepped for RunsJob {
    type Out = Runs;
    const UNIT: u64 = 16;
    fn advance(&mut self, n: u64) -> bool {
        RunsJob::advance(self, n)
    }
    fn fraction(&mut self) -> f64 {
        RunsJob::fraction(self)
    }
    fn finish(self) -> Runs {
        RunsJob::finish(self)
    }
}

impl Stepped for Ranking {
    type Out = Vec<Recommendation>;
    const UNIT: u64 = 1;
    fn advance(&mut self, n: u64) -> bool {
        Ranking::advance(self, usize::try_from(n).unwrap_or(usize::MAX))
    }
    fn fraction(&mut self) -> f64 {
        let (done, all) = self.progress();
        done as f64 / all.max(1) as f64
    }
    fn finish(self) -> Vec<Recommendation> {
        Ranking::finish(self)
    }
}

/// Runs `job` in steps after `delay_ms` (a breath for the page to draw "working" first): each
/// step's share done goes to `progress`, the result to `done`. Setting the returned flag cancels
/// it (a newer input, a Stop button, the component gone).
pub fn run<J: Stepped>(
    job: J,
    delay_ms: u32,
    progress: Callback<f64>,
    done: Callback<J::Out>,
) -> Rc<Cell<bool>> {
    let cancelled = Rc::new(Cell::new(false));
    let flag = cancelled.clone();
    Timeout::new(delay_ms, move || step(job, progress, done, flag)).forget();
    cancelled
}

fn step<J: Stepped>(
    mut job: J,
    progress: Callback<f64>,
    done: Callback<J::Out>,
    cancelled: Rc<Cell<bool>>,
) {
    if cancelled.get() {
        return;
    }
    let t0 = js_sys::Date::now();
    loop {
        if job.advance(J::UNIT) {
            return done.emit(job.finish());
        }
        if js_sys::Date::now() - t0 > STEP_MS {
            break;
        }
    }
    progress.emit(job.fraction());
    Timeout::new(0, move || step(job, progress, done, cancelled)).forget();
}
