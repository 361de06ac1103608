#!/usr/bin/env python3
"""Checks terraform/ without the AWS provider (which cannot be downloaded everywhere this runs).

1. `terraform fmt -check -recursive` over terraform/.
2. Static consistency of every module and environment, read from the HCL text: every var./local./module./resource
   reference points at something declared; every module call passes only declared variables and all required ones;
   every variable and output is described; no variable takes a secret itself (a name with "secret" must end in
   _arn or _arns); each module has a README.
3. The validations, run for real: `terraform plan` on copies of the variable files (and the staging JWT guard),
   which need no provider, with good inputs (must pass) and bad ones (must fail with the expected message; a
   rejected JWT key must never be printed).

Prints one line per check and ends with "N passed, N failed"; exits 1 when anything failed. Without a terraform
binary the checks that need it are reported as skipped.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # terraform/
RESULTS = {"passed": 0, "failed": 0, "skipped": 0}


def report(ok, name, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'PASS' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def skip(name, why):
    RESULTS["skipped"] += 1
    print(f"SKIP {name}: {why}")


# ---------------------------------------------------------------------------------------------------------------
# A small HCL reader: enough to find blocks, their top-level attributes and the references in them.


def lex(text):
    """Returns (structure, code): structure has strings, heredocs and comments blanked (braces there are code
    braces only); code has comments removed and strings kept (references inside "${...}" count)."""
    structure, code = [], []
    i, n = 0, len(text)

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if c == "#" or text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            structure.append(blank(text[i:j]))
            code.append(blank(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i) + 2
            structure.append(blank(text[i:j]))
            code.append(blank(text[i:j]))
            i = j
        elif text.startswith("<<", i) and re.match(r"<<-?([A-Z]+)\n", text[i:]):
            m = re.match(r"<<-?([A-Z]+)\n", text[i:])
            end = re.compile(r"^\s*" + m.group(1) + r"\s*$", re.M)
            e = end.search(text, i + m.end())
            j = e.end() if e else n
            structure.append(blank(text[i:j]))
            code.append(text[i:j])
            i = j
        elif c == '"':
            j = skip_string(text, i + 1)
            structure.append('"' + blank(text[i + 1 : j - 1]) + '"')
            code.append(text[i:j])
            i = j
        else:
            structure.append(c)
            code.append(c)
            i += 1
    return "".join(structure), "".join(code)


def skip_string(text, i):
    """Index just past the closing quote of a string whose body starts at i (interpolations may nest strings)."""
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        elif text.startswith("${", i) or text.startswith("%{", i):
            i = skip_template(text, i + 2)
        else:
            i += 1
    return i


def skip_template(text, i):
    depth = 1
    while i < len(text) and depth:
        if text[i] == '"':
            i = skip_string(text, i + 1)
            continue
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return i


def blocks(structure, code):
    """Top-level blocks: (kind, labels, attribute names at depth 1, body code)."""
    found = []
    for m in re.finditer(r'^([a-z_]+)((?:\s+"[^"\n]*")*)\s*\{', structure, re.M):
        start = m.end()
        depth, i = 1, start
        while depth and i < len(structure):
            depth += {"{": 1, "}": -1}.get(structure[i], 0)
            i += 1
        body_s, body_c = structure[start : i - 1], code[start : i - 1]
        labels = re.findall(r'"([^"]*)"', code[m.start() : m.end()])
        found.append((m.group(1), labels, depth1_attributes(body_s), body_c, depth1_blocks(body_s)))
    return found


def depth1_attributes(body):
    names, depth = [], 0
    for line in body.split("\n"):
        if depth == 0:
            m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=(?!=)", line)
            if m:
                names.append(m.group(1))
        depth += line.count("{") - line.count("}")
    return names


def depth1_blocks(body):
    names, depth = [], 0
    for line in body.split("\n"):
        if depth == 0:
            m = re.match(r"\s*([a-z_]+)(\s+\"[^\"]*\")*\s*\{", line)
            if m:
                names.append(m.group(1))
        depth += line.count("{") - line.count("}")
    return names


class Unit:
    """A module or an environment: one directory of .tf files."""

    def __init__(self, path):
        self.path = path
        self.code = ""
        self.blocks = []
        for tf in sorted(path.glob("*.tf")):
            structure, code = lex(tf.read_text())
            self.code += code
            self.blocks += blocks(structure, code)
        self.variables = {b[1][0]: b for b in self.blocks if b[0] == "variable"}
        self.outputs = {b[1][0]: b for b in self.blocks if b[0] == "output"}
        self.modules = {b[1][0]: b for b in self.blocks if b[0] == "module"}
        self.resources = {(b[1][0], b[1][1]) for b in self.blocks if b[0] == "resource"}
        self.data = {(b[1][0], b[1][1]) for b in self.blocks if b[0] == "data"}
        self.locals = {a for b in self.blocks if b[0] == "locals" for a in b[2]}

    def required_variables(self):
        return {name for name, b in self.variables.items() if "default" not in b[2]}


def check_unit(unit, units):
    name = str(unit.path.relative_to(ROOT))
    refs = lambda pattern: set(re.findall(pattern, unit.code))  # noqa: E731

    undeclared = refs(r"(?<![\w.])var\.([A-Za-z_]\w*)") - set(unit.variables)
    report(not undeclared, f"{name}: every var.* is declared", f"undeclared {sorted(undeclared)}")
    unused = set(unit.variables) - refs(r"(?<![\w.])var\.([A-Za-z_]\w*)")
    report(not unused, f"{name}: every variable is used", f"unused {sorted(unused)}")
    undeclared = refs(r"(?<![\w.])local\.([A-Za-z_]\w*)") - unit.locals
    report(not undeclared, f"{name}: every local.* is declared", f"undeclared {sorted(undeclared)}")
    undeclared = set(re.findall(r"(?<![\w.])(aws_[a-z0-9_]+|terraform_data)\.([a-z_]\w*)", unit.code)) - unit.resources
    report(not undeclared, f"{name}: every resource reference is declared", f"undeclared {sorted(undeclared)}")
    undeclared = set(re.findall(r"(?<![\w.])data\.([a-z0-9_]+)\.([a-z_]\w*)", unit.code)) - unit.data
    report(not undeclared, f"{name}: every data reference is declared", f"undeclared {sorted(undeclared)}")

    undescribed = [n for n, b in {**unit.variables, **unit.outputs}.items() if "description" not in b[2]]
    report(not undescribed, f"{name}: every variable and output is described", f"no description: {undescribed}")
    secret_like = [v for v in unit.variables if "secret" in v.lower() and not re.search(r"_arns?$", v)]
    report(not secret_like, f"{name}: no variable takes a secret itself", f"rename or remove {secret_like}")
    no_validation = [v for v in unit.variables if "arn" in v and "validation" not in unit.variables[v][4]]
    # jwt_secret_arn is checked by a precondition (envs/staging/guards.tf), so that a rejected key is never printed.
    no_validation = [v for v in no_validation if not (v == "jwt_secret_arn" and "jwt_secret_arn_check" in unit.code)]
    report(not no_validation, f"{name}: ARN inputs are validated", f"no validation: {no_validation}")

    for call, (_, _, args, body, _) in unit.modules.items():
        source = re.search(r'source\s*=\s*"([^"]+)"', body).group(1)
        target = units.get((unit.path / source).resolve())
        if target is None:
            report(False, f"{name}: module {call} has a source here", source)
            continue
        args = set(args) - {"source", "depends_on", "providers", "count", "for_each"}
        unknown = args - set(target.variables)
        report(not unknown, f"{name}: module {call} passes only declared variables", f"unknown {sorted(unknown)}")
        missing = target.required_variables() - args
        report(not missing, f"{name}: module {call} passes every required variable", f"missing {sorted(missing)}")
        used = set(re.findall(r"(?<![\w.])module\." + call + r"\.([A-Za-z_]\w*)", unit.code))
        absent = used - set(target.outputs)
        report(not absent, f"{name}: module.{call}.* outputs exist", f"absent {sorted(absent)}")


def static_checks():
    dirs = sorted(p.parent for p in ROOT.glob("*/*/*.tf")) + sorted(p.parent for p in ROOT.glob("envs/*/*.tf"))
    units = {d.resolve(): Unit(d) for d in dict.fromkeys(dirs)}
    for unit in units.values():
        check_unit(unit, units)
    for module in sorted(ROOT.glob("modules/*/")):
        report((module / "README.md").is_file(), f"{module.relative_to(ROOT)}: has a README.md")
    report((ROOT / "README.md").is_file(), "terraform/README.md exists")


# ---------------------------------------------------------------------------------------------------------------
# Validations, run by terraform itself on the variable files alone.

TERRAFORM = shutil.which("terraform")
ENV = {k: v for k, v in os.environ.items() if k != "TF_CLI_CONFIG_FILE"} | {"TF_IN_AUTOMATION": "1"}
SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:switchboard/staging/jwt-AbCdEf"
PLAIN_KEY = "c2VjcmV0LWtleS1vZi1hdC1sZWFzdC0zMi1ieXRlcyE="

STAGING = {
    "image_tag": "0123abc",
    "domain_name": "realtime.staging.example.com",
    "certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
    "jwt_secret_arn": SECRET_ARN,
}
ALB = {
    "name": "switchboard-staging",
    "vpc_id": "vpc-0123456789abcdef0",
    "public_subnet_ids": ["subnet-0a", "subnet-0b"],
    "certificate_arn": STAGING["certificate_arn"],
    "gateway_heartbeat_timeout_ms": 90000,
}
SERVICE = {
    "name": "switchboard-staging-gateway",
    "component": "gateway",
    "cluster_arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/switchboard-staging",
    "cluster_name": "switchboard-staging",
    "vpc_id": "vpc-0123456789abcdef0",
    "subnet_ids": ["subnet-1a", "subnet-1b", "subnet-1c"],
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/switchboard-staging/switchboard:0123abc",
    "ecr_repository_arn": "arn:aws:ecr:eu-west-1:123456789012:repository/switchboard-staging/switchboard",
    "cpu": 1024,
    "memory": 2048,
    "container_port": 8080,
    "shutdown_grace_ms": 10000,
    "desired_count": 2,
    "min_count": 2,
    "max_count": 6,
    "secret_arns": {"SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET": SECRET_ARN},
    "kafka": {
        "cluster_arn": "arn:aws:kafka:eu-west-1:123456789012:cluster/switchboard-staging/abcd-1",
        "security_group_id": "sg-0123456789abcdef0",
        "port": 9098,
        "topic_arn_prefix": "arn:aws:kafka:eu-west-1:123456789012:topic/switchboard-staging/abcd-1/",
        "group_arn_prefix": "arn:aws:kafka:eu-west-1:123456789012:group/switchboard-staging/abcd-1/",
        "transactional_id_arn_prefix": "arn:aws:kafka:eu-west-1:123456789012:transactional-id/switchboard-staging/abcd-1/",
    },
    "kafka_access": {"read_topics": ["switchboard.*"], "write_topics": ["switchboard.actions"]},
}
MSK = {
    "name": "switchboard-staging",
    "vpc_id": "vpc-0123456789abcdef0",
    "subnet_ids": ["subnet-1a", "subnet-1b", "subnet-1c"],
}

# (name, directory, base inputs, changes, expected message or None when the plan must pass)
CASES = [
    ("staging: the example inputs pass", "envs/staging", STAGING, {}, None),
    ("staging: a JWT key instead of its ARN is rejected", "envs/staging", STAGING,
     {"jwt_secret_arn": PLAIN_KEY}, "store the key in Secrets Manager"),
    ("staging: a partial secret ARN (no random suffix) is rejected", "envs/staging", STAGING,
     {"jwt_secret_arn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt"}, "full ARN of a Secrets Manager"),
    ("staging: an idle timeout below the heartbeat timeout is rejected", "envs/staging", STAGING,
     {"alb_idle_timeout_seconds": 60, "gateway_heartbeat_timeout_ms": 90000}, "longer than gateway_heartbeat_timeout_ms"),
    ("staging: an idle timeout equal to the heartbeat timeout is rejected", "envs/staging", STAGING,
     {"alb_idle_timeout_seconds": 90, "gateway_heartbeat_timeout_ms": 90000}, "longer than gateway_heartbeat_timeout_ms"),
    ("staging: a longer idle timeout with a longer heartbeat passes", "envs/staging", STAGING,
     {"alb_idle_timeout_seconds": 300, "gateway_heartbeat_interval_ms": 60000, "gateway_heartbeat_timeout_ms": 180000}, None),
    ("staging: a heartbeat timeout not above the interval is rejected", "envs/staging", STAGING,
     {"gateway_heartbeat_interval_ms": 90000, "gateway_heartbeat_timeout_ms": 90000}, "longer than gateway_heartbeat_interval_ms"),
    ("staging: more processors than partitions is rejected", "envs/staging", STAGING,
     {"topic_partitions": 3, "processor_count": {"min": 1, "desired": 2, "max": 4}}, "must not exceed topic_partitions"),
    ("staging: a drain grace beyond Fargate's stop timeout is rejected", "envs/staging", STAGING,
     {"gateway_drain_grace_ms": 115000}, "between 1000 and 110000"),
    ("alb: the module's own inputs pass", "modules/alb", ALB, {}, None),
    ("alb: an idle timeout below the heartbeat timeout is rejected", "modules/alb", ALB,
     {"idle_timeout_seconds": 60}, "longer than the gateway heartbeat timeout"),
    ("alb: a heartbeat timeout of 0 (never) is rejected", "modules/alb", ALB,
     {"gateway_heartbeat_timeout_ms": 0}, "must be positive"),
    ("service: the module's own inputs pass", "modules/service", SERVICE, {}, None),
    ("service: a JWT key as a plain environment variable is rejected", "modules/service", SERVICE,
     {"environment": {"SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET": PLAIN_KEY}}, "must not carry secrets"),
    ("service: a secret value instead of an ARN is rejected", "modules/service", SERVICE,
     {"secret_arns": {"SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET": PLAIN_KEY}}, "never secret values"),
    ("service: a shutdown grace Fargate cannot wait for is rejected", "modules/service", SERVICE,
     {"shutdown_grace_ms": 115000}, "at most 110000"),
    ("msk: the module's own inputs pass", "modules/msk", MSK, {}, None),
    ("msk: a Kafka version before 3.8 is rejected", "modules/msk", MSK,
     {"kafka_version": "3.6.0"}, "3.8 or later"),
    ("msk: 3 brokers over 2 subnets is rejected", "modules/msk", MSK,
     {"subnet_ids": ["subnet-1a", "subnet-1b"]}, "multiple of the number of subnet_ids"),
    ("network: half of an existing VPC's ids is rejected", "modules/network", {"name": "switchboard-staging"},
     {"existing_vpc_id": "vpc-0123456789abcdef0"}, "exactly when existing_vpc_id is"),
]

PLAN_FILES = ("variables.tf", "guards.tf")


def plan(directory, inputs):
    with tempfile.TemporaryDirectory(prefix="sb-tf-") as tmp:
        for name in PLAN_FILES:
            if (ROOT / directory / name).is_file():
                shutil.copy(ROOT / directory / name, tmp)
        Path(tmp, "case.auto.tfvars.json").write_text(json.dumps(inputs))
        args = ["-input=false", "-no-color"]
        init = subprocess.run([TERRAFORM, "init", "-backend=false", *args], cwd=tmp, env=ENV, capture_output=True, text=True)
        if init.returncode != 0:
            return init.returncode, init.stdout + init.stderr
        run = subprocess.run([TERRAFORM, "plan", "-lock=false", "-refresh=false", *args], cwd=tmp, env=ENV,
                             capture_output=True, text=True, timeout=120)
        return run.returncode, run.stdout + run.stderr


def validation_checks():
    if TERRAFORM is None:
        skip("validations", "no terraform binary on PATH")
        return
    for name, directory, base, changes, expected in CASES:
        code, output = plan(directory, base | changes)
        flat = " ".join(output.split())
        if expected is None:
            report(code == 0, name, flat[-600:])
        else:
            report(code != 0 and expected in flat, name, f"exit {code}, wanted an error with '{expected}': {flat[-600:]}")
        if PLAIN_KEY in (changes.get("jwt_secret_arn"), ):
            report(PLAIN_KEY not in output, name.replace("is rejected", "is never printed"))


def fmt_check():
    if TERRAFORM is None:
        skip("terraform fmt -check -recursive", "no terraform binary on PATH")
        return
    run = subprocess.run([TERRAFORM, "fmt", "-check", "-recursive", "-no-color", str(ROOT)], env=ENV,
                         capture_output=True, text=True)
    report(run.returncode == 0, "terraform fmt -check -recursive terraform/", "not formatted: " + run.stdout.strip())


if __name__ == "__main__":
    fmt_check()
    static_checks()
    validation_checks()
    print(f"terraform: {RESULTS['passed']} passed, {RESULTS['failed']} failed, {RESULTS['skipped']} skipped")
    sys.exit(1 if RESULTS["failed"] else 0)
