//! The page's plan, worked out in steps (issue 13 point 18): a scenario of usual size plans in
//! its first step, while it is drawn, as before; a million tasks over 10,000 instances take
//! several hundred milliseconds, which would freeze the page. Then each step places for
//! [`STEP_MS`] (see [`Steps`]), the page is drawn and answers between steps, shows how far the
//! plan has gone and offers to stop it; the last plan stays on screen until the new one is
//! whole. A new edit drops the plan under way and starts its own.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::{Errors, InputRef, PlanRef};
use crate::model::packing::Steps;
use crate::state::form::Form;

/// A plan's outcome: the plan and the scenario it was made from, or the inputs to fix.
pub type Outcome = Result<(PlanRef, InputRef), Errors>;

/// The time a step may place for (ms). ASSUMPTION: 30 ms keeps each step, with the replay of
/// the placements kept so far and the page's drawing, under the 100 ms a page may take before
/// it feels stuck (issue 13's bound), and plans every scenario of usual size in one step.
pub const STEP_MS: f64 = 30.0;

/// How far a plan in steps has gone, or that it was stopped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Steps run so far.
    pub steps: u64,
    /// The replays grew past a step: the next step finishes the plan in one piece.
    pub to_the_end: bool,
    /// Placements finished (a plan makes several: the cluster, CAS's path, the headroom).
    pub placements: usize,
    /// Time since the plan started (ms).
    pub ms: f64,
    /// Stopped by the user: no plan is under way.
    pub stopped: bool,
}

#[derive(Default)]
struct Job {
    form: Option<Form>,
    steps: Option<Steps>,
    outcome: Option<Outcome>,
    timer: Option<Timeout>,
    started: f64,
    stopped: bool,
    runs: u64,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Job {
    fn start(form: Form) -> Self {
        // Inputs to fix are known before any placement (Steps::check): shown at once, with no
        // plan of the rest of the form behind them.
        if let (_, Err(e)) = Steps::check(|| form.plan_with_input()) {
            return Job {
                form: Some(form),
                outcome: Some(Err(Errors(Rc::new(e)))),
                ..Job::default()
            };
        }
        let mut job = Job {
            form: Some(form),
            steps: Some(Steps::new(now, STEP_MS)),
            started: now(),
            ..Job::default()
        };
        job.step();
        job
    }

    fn step(&mut self) {
        let (Some(form), Some(steps)) = (&self.form, self.steps.as_mut()) else {
            return;
        };
        self.runs += 1;
        if let Some(result) = steps.run(|| form.plan_with_input()) {
            self.outcome = Some(match result {
                (input, Ok(p)) => Ok((PlanRef(Rc::new(p)), InputRef(Rc::new(input)))),
                (_, Err(e)) => Err(Errors(Rc::new(e))),
            });
            self.steps = None;
        }
    }

    /// None when no plan is under way and none was stopped.
    fn progress(&self) -> Option<Progress> {
        let s = self.steps.as_ref();
        (s.is_some() || self.stopped).then(|| Progress {
            steps: self.runs,
            to_the_end: s.is_some_and(Steps::to_the_end),
            placements: s.map_or(0, Steps::placements_done),
            ms: now() - self.started,
            stopped: s.is_none(),
        })
    }
}

/// What [`use_plan`] gives: the outcome (None while the first plan is under way or stopped),
/// how far a plan under way has gone, and the control (true: stop it; false: plan again).
pub struct Planned {
    pub outcome: Option<Outcome>,
    pub progress: Option<Progress>,
    pub control: Callback<bool>,
}

/// The plan of `form`, in steps.
#[hook]
pub fn use_plan(form: Form) -> Planned {
    let job = use_mut_ref(Job::default);
    let redraw = use_force_update();
    // (RefCell borrows are tried, never assumed: a failed one skips its part of this drawing.)
    if let Ok(mut j) = job.try_borrow_mut() {
        if j.form.as_ref() != Some(&form) {
            // The job before is dropped with its timer: its steps end here.
            *j = Job::start(form);
        }
    }
    {
        // While a plan is under way, its next step runs after this drawing (a timer set here
        // fires once this task is done): the browser paints and takes input between steps.
        if let Ok(mut j) = job.try_borrow_mut() {
            if j.steps.is_some() && j.timer.is_none() {
                let (next, redraw) = (job.clone(), redraw.clone());
                j.timer = Some(Timeout::new(0, move || {
                    if let Ok(mut j) = next.try_borrow_mut() {
                        j.timer = None;
                        j.step();
                    }
                    redraw.force_update();
                }));
            }
        }
    }
    let control = {
        let job = job.clone();
        Callback::from(move |stop: bool| {
            if let Ok(mut j) = job.try_borrow_mut() {
                if stop {
                    j.steps = None;
                    j.timer = None;
                    j.stopped = true;
                } else {
                    // Forgetting the form starts its plan afresh at the next drawing.
                    j.form = None;
                }
            }
            redraw.force_update();
        })
    };
    let (outcome, progress) = job
        .try_borrow()
        .map(|j| (j.outcome.clone(), j.progress()))
        .unwrap_or_default();
    Planned {
        outcome,
        progress,
        control,
    }
}

/// The line saying a plan is under way (with Stop) or was stopped (with Plan again); `shown`:
/// whether an earlier plan is on the page.
pub fn status(p: &Progress, shown: bool, control: &Callback<bool>) -> Html {
    use crate::model::units::{count, thousands, trim_float};
    // Tenths of a second, by integers (no float formatting in the wasm; see units::trim_float).
    let seconds = trim_float((p.ms / 100.0).round() / 10.0);
    let earlier = match (shown, p.stopped) {
        (true, _) => " Below: the plan before this change.",
        (false, true) => " There is no plan yet: Plan again finishes it.",
        (false, false) => "",
    };
    // The progress changes at every step: hidden from screen readers, which would read the
    // status out each time; they hear "Planning in steps" once, and the result when it comes.
    let (lead, progress, button, stop) = if p.stopped {
        (
            format!("Planning stopped after {seconds} s."),
            String::new(),
            "Plan again",
            false,
        )
    } else {
        (
            "Planning in steps:".to_string(),
            format!(
                " step {}, {} finished, {seconds} s so far{}.",
                thousands(p.steps),
                count(p.placements as u64, "placement"),
                if p.to_the_end {
                    "; the rest in one piece (each step was replaying more than it placed)"
                } else {
                    ""
                },
            ),
            "Stop",
            true,
        )
    };
    let onclick = {
        let control = control.clone();
        Callback::from(move |_| control.emit(stop))
    };
    html! {
        <p class="status planning" role="status" data-testid="planning" data-stopped={p.stopped.to_string()}
            id={(!shown).then_some("answer-h")}>
            { lead }<span aria-hidden="true">{ progress }</span>{ earlier }{ " " }
            <button type="button" {onclick} data-testid={if stop { "planning-stop" } else { "planning-again" }}>{ button }</button>
        </p>
    }
}
