#!/usr/bin/env python3
"""Checks the GitHub Actions recipe (docs/recipes/github-actions.yml) and
runs its lint command.

    check_workflow.py WORKFLOW.yml [--run DIR --path DIR]

Checks, printing one `workflow: ...` line per fact for FileCheck:
  - it runs on push and pull_request;
  - `security-events: write` (workflow or job permissions), which
    upload-sarif needs;
  - one step runs `leaklint-ci -p BUILD -o SARIF`, after a step that
    configures with `-B BUILD` and CMAKE_EXPORT_COMPILE_COMMANDS=ON;
  - a later step uses github/codeql-action/upload-sarif with `sarif_file`
    equal to SARIF and a `category`; when `checkout_path` is a step output,
    that step exists before it and writes that output;
  - if the lint step can fail on findings (--werror), the upload step still
    runs after a failure (`always()`, `!cancelled()` or `failure()`).
Exits 1 with `check_workflow: ...` on the first problem.

--run DIR runs the lint step's `run:` text as GitHub does (`bash -e`), in
DIR as the checkout, with --path DIR prepended to PATH (where leaklint-ci
is), and exits with its status.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

import yaml


def fail(message):
    print("check_workflow: " + message, file=sys.stderr)
    sys.exit(1)


def option(argv, name):
    """The value of `name VALUE` or `name=VALUE` in argv, else None."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg[len(name) + 1:]
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workflow")
    parser.add_argument("--run", metavar="DIR")
    parser.add_argument("--path", metavar="DIR", default="")
    args = parser.parse_args()

    workflow = yaml.safe_load(open(args.workflow))
    # YAML 1.1 (PyYAML) reads the key `on` as true.
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, str):
        triggers = [triggers]
    for event in ("push", "pull_request"):
        if event not in triggers:
            fail("not run on %s" % event)
    print("workflow: on %s" % ", ".join(triggers))

    jobs = [(name, job) for name, job in workflow["jobs"].items()
            if any("leaklint-ci" in str(s.get("run", "")) for s in job.get("steps", []))]
    if len(jobs) != 1:
        fail("expected one job running leaklint-ci, found %d" % len(jobs))
    job_name, job = jobs[0]
    print("workflow: job %s on %s%s" % (
        job_name, job["runs-on"],
        " in %s" % job["container"] if "container" in job else ""))

    permissions = dict(workflow.get("permissions") or {})
    permissions.update(job.get("permissions") or {})
    if permissions.get("security-events") != "write":
        fail("no 'permissions: security-events: write' for upload-sarif")
    print("workflow: permissions security-events: write")

    steps = job["steps"]
    lint = [i for i, s in enumerate(steps) if "leaklint-ci" in str(s.get("run", ""))]
    if len(lint) != 1:
        fail("expected one step running leaklint-ci, found %d" % len(lint))
    lint = lint[0]
    lint_run = steps[lint]["run"].strip()
    lint_argv = shlex.split(lint_run)
    if lint_argv[0] != "leaklint-ci":
        fail("the lint step is not one leaklint-ci command: %r" % lint_run)
    build = option(lint_argv, "-p")
    sarif = option(lint_argv, "-o")
    if not build or not sarif:
        fail("leaklint-ci needs -p BUILD and -o SARIF: %r" % lint_run)
    print("workflow: lint: %s" % lint_run)

    configure = [i for i, s in enumerate(steps[:lint])
                 if "CMAKE_EXPORT_COMPILE_COMMANDS=ON" in str(s.get("run", ""))]
    if not configure:
        fail("no step before the lint step configures with CMAKE_EXPORT_COMPILE_COMMANDS=ON")
    configure_argv = shlex.split(steps[configure[-1]]["run"])
    if option(configure_argv, "-B") != build:
        fail("the configure step's -B is not leaklint-ci's -p %s" % build)
    print("workflow: configure writes %s/compile_commands.json" % build)

    uploads = [i for i, s in enumerate(steps)
               if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    if len(uploads) != 1:
        fail("expected one github/codeql-action/upload-sarif step, found %d" % len(uploads))
    upload = uploads[0]
    if upload < lint:
        fail("upload-sarif runs before leaklint-ci")
    inputs = steps[upload].get("with") or {}
    if inputs.get("sarif_file") != sarif:
        fail("upload-sarif's sarif_file %r is not leaklint-ci's -o %r"
             % (inputs.get("sarif_file"), sarif))
    if not inputs.get("category"):
        fail("upload-sarif has no category")
    print("workflow: %s sarif_file: %s, category: %s" % (
        steps[upload]["uses"], inputs["sarif_file"], inputs["category"]))

    checkout_path = inputs.get("checkout_path")
    if checkout_path:
        output = re.fullmatch(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}",
                              str(checkout_path))
        if output:
            step_id, name = output.groups()
            writers = [i for i, s in enumerate(steps[:upload]) if s.get("id") == step_id]
            if not writers or not re.search(r"\b%s=.*GITHUB_OUTPUT" % re.escape(name),
                                            str(steps[writers[0]].get("run", ""))):
                fail("checkout_path: no earlier step %r writes %r to $GITHUB_OUTPUT"
                     % (step_id, name))
            print("workflow: checkout_path: output %r of step %r" % (name, step_id))
        else:
            print("workflow: checkout_path: %s" % checkout_path)

    if "--werror" in lint_argv:
        condition = str(steps[upload].get("if", ""))
        if not re.search(r"always\(\)|!\s*cancelled\(\)|failure\(\)", condition):
            fail("leaklint-ci --werror fails the job, and upload-sarif does not run then")

    if args.run:
        env = dict(os.environ)
        if args.path:
            env["PATH"] = args.path + os.pathsep + env["PATH"]
        print("workflow: running %r in the checkout" % lint_run, flush=True)
        sys.exit(subprocess.run(["bash", "-e", "-c", steps[lint]["run"]],
                                cwd=args.run, env=env).returncode)


if __name__ == "__main__":
    main()
