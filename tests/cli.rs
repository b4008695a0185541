//! The command-line planner (issue 16), run as a user runs it: its JSON equals plan()'s, `check`'s
//! exit codes, standard input, imports and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ecs-capacity");

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `plan` prints what plan() gives for the api.md example, field for field.
#[test]
fn plan_json_equals_the_api() {
    let path = fixture("cli/api-example.json");
    let o = run(&["plan", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cli: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let api: serde_json::Value =
        serde_json::from_str(&ecs_capacity::io::face::plan_json(&text)).unwrap();
    assert_eq!(cli, api);
    assert_eq!(cli["instancesNeeded"], 15);
}

/// `check`: 0 for a sound scenario, 1 with a line per problem, 2 for unreadable input.
#[test]
fn check_exit_codes() {
    let o = run(&["check", &fixture("cli/sound.json")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
    for (file, says) in [
        ("cli/too-big.json", "services[0].cpu: never placeable"),
        (
            "cli/waits.json",
            "task(s) wait at the running 2 instance(s)",
        ),
        ("cli/over-max.json", "over the group's MaxSize of 10"),
    ] {
        let o = run(&["check", &fixture(file)]);
        assert_eq!(o.status.code(), Some(1), "{file}: {}", stderr(&o));
        assert!(
            stdout(&o).lines().any(|l| l.contains(says)),
            "{file}: {}",
            stdout(&o)
        );
    }
    let o = run(&["check", &fixture("cli/missing.json")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.json"), "{}", stderr(&o));
}

/// Standard input with `-`, and errors naming their path with exit code 2.
#[test]
fn stdin_and_bad_input() {
    let mut child = Command::new(BIN)
        .args(["plan", "--summary", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string(fixture("cli/api-example.json")).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("the cluster: 15 instance(s) of t4g.medium needed"),
        "{}",
        stdout(&o)
    );
    let mut child = Command::new(BIN)
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"services":[{"name":"a","cpu":"lots","memory":512}]}"#)
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: services[0].cpu:"),
        "{}",
        stderr(&o)
    );
    let o = run(&["plan"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown command"));
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("ecs-capacity check FILE"));
}

/// `import` prints the scenario of a Terraform plan (notes on stderr) and, with --link, the
/// page's query; `check` reads the plan as it is.
#[test]
fn import_and_check_a_terraform_plan() {
    let plan = fixture("iac/terraform-plan.json");
    let o = run(&["import", &plan]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["services"][0]["name"], "api");
    assert!(
        stderr(&o).contains("note: Terraform: 11 resource(s) read"),
        "{}",
        stderr(&o)
    );
    let o = run(&["import", &plan, "--link"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let q = stdout(&o);
    assert!(q.starts_with("?v="), "{q}");
    let decoded = ecs_capacity::state::link::decode_json(q.trim());
    let d: serde_json::Value = serde_json::from_str(&decoded).unwrap();
    assert_eq!(d["scenario"]["services"][0]["name"], "api");
    let o = run(&["check", &plan]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(stderr(&o).contains("note: Terraform:"));
    let o = run(&[
        "simulate",
        &fixture("cli/api-example.json"),
        "--run",
        &fixture("cli/run.json"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(t["ok"], true);
}
