//! `ecs-capacity`: the planner on the command line, for CI (issue 16). The same model as the page;
//! this file reads arguments, files and stdin, prints, and sets the exit code. What it prints is
//! made by `ecs_capacity::io::cli`, tested natively.

use std::io::Read;
use std::process::ExitCode;

use ecs_capacity::io::cli;

const USAGE: &str = "ecs-capacity: will my ECS tasks have somewhere to run?

usage:
  ecs-capacity plan FILE [--summary]     the plan as JSON (as plan() gives it), or a short report
  ecs-capacity check FILE                exit 1 with a line per problem: tasks never placeable,
                                         tasks waiting at the running N, headroom short for a
                                         deployment or a lost instance, a steady state over MaxSize
  ecs-capacity import FILE [--onto SCENARIO] [--link]
                                         the scenario JSON (or the page's link query) of a
                                         Terraform plan or state, CloudFormation template or
                                         AWS CLI output
  ecs-capacity simulate FILE [--run RUN] the timeline as JSON (as simulate() gives it)

FILE is a scenario (JSON), or a Terraform plan or state (terraform show -json), a CloudFormation
or CDK template (JSON) read as the import reads it; - reads standard input.
Exit codes: 0 fine, 1 problems found (check), 2 unreadable or invalid input.
";

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("error: standard input: {e}"))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| format!("error: {path}: {e}"))
}

/// The value after `flag` in `args`.
fn option<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    let i = args.iter().position(|a| a == flag)?;
    args.get(i + 1).map(String::as_str)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let command = args.first().map(String::as_str).unwrap_or("");
    if matches!(command, "" | "-h" | "--help" | "help") {
        print!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    if matches!(command, "-V" | "--version") {
        println!("ecs-capacity {}", env!("CARGO_PKG_VERSION"));
        return Ok(ExitCode::SUCCESS);
    }
    if !matches!(command, "plan" | "check" | "import" | "simulate") {
        return Err(format!("error: unknown command {command}\n\n{USAGE}"));
    }
    let takes_value = ["--onto", "--run"];
    let mut file = None;
    let mut skip = false;
    for a in args.iter().skip(1) {
        if skip {
            skip = false;
        } else if takes_value.contains(&a.as_str()) {
            skip = true;
        } else if a == "-" || !a.starts_with('-') {
            file = file.or(Some(a.as_str()));
        } else if !matches!(a.as_str(), "--summary" | "--link") {
            return Err(format!("error: unknown option {a}\n\n{USAGE}"));
        }
    }
    let Some(file) = file else {
        return Err(format!(
            "error: {command} needs a FILE (or - for standard input)\n\n{USAGE}"
        ));
    };
    let text = read(file)?;
    let invalid = |e: Vec<_>| cli::error_lines(&e);
    match command {
        "import" => {
            let onto = match option(args, "--onto") {
                Some(p) => cli::load(&read(p)?).map_err(invalid)?.0,
                None => Default::default(),
            };
            let i = ecs_capacity::io::import::import(&text, &onto).map_err(invalid)?;
            for n in &i.notes {
                eprintln!("note: {n}");
            }
            if args.iter().any(|a| a == "--link") {
                let json = ecs_capacity::io::json::input_json(&i.scenario);
                match ecs_capacity::state::link::encode_json(&json) {
                    Ok(q) => println!("?{q}"),
                    Err(e) => return Err(format!("error: the link: {e}")),
                }
            } else {
                let json = ecs_capacity::io::json::input_json(&i.scenario);
                println!("{}", ecs_capacity::io::json::pretty(&json));
            }
            Ok(ExitCode::SUCCESS)
        }
        "plan" | "check" | "simulate" => {
            let (input, notes) = cli::load(&text).map_err(invalid)?;
            for n in &notes {
                eprintln!("note: {n}");
            }
            match command {
                "plan" if args.iter().any(|a| a == "--summary") => {
                    print!("{}", cli::summary(&input).map_err(invalid)?);
                }
                "plan" => println!("{}", cli::plan_text(&input).map_err(invalid)?),
                "simulate" => {
                    let run = match option(args, "--run") {
                        Some(p) => read(p)?,
                        None => "{}".to_string(),
                    };
                    let scenario = ecs_capacity::io::json::input_json(&input);
                    let out = ecs_capacity::io::face::simulate_json(&scenario, &run);
                    if out.starts_with(r#"{"ok":false"#) {
                        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
                        return Err(format!("{}", v["errors"]));
                    }
                    println!("{out}");
                }
                _ => {
                    let problems = cli::check(&input).map_err(invalid)?;
                    for p in &problems {
                        println!("{p}");
                    }
                    if !problems.is_empty() {
                        return Ok(ExitCode::from(1));
                    }
                    eprintln!("ecs-capacity check: no problem found");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(ExitCode::from(2)),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprint!("{message}");
            if !message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(2)
        }
    }
}
