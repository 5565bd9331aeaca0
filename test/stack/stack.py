#!/usr/bin/python3
"""Python side of the local Keystone + Glance test stack (used by up.sh / down.sh).

Stdlib only, run with /usr/bin/python3 (the python3 on PATH may be a pyenv one
without the OpenStack libs, and this file must not depend on any of them anyway).

Sub-commands (all take --stack-dir first):
  health         exit 0: running stack is usable as is; 2: main keystone + glance
                 are fine but the short-token keystone must be (re)started;
                 1: not usable (rebuild/restart needed)
  ports          print "KEYSTONE GLANCE KEYSTONE_SHORT GLANCE_REGION_TWO GLANCE_SRBAC" ports to use
                 (--short-only: only KEYSTONE_SHORT)
  clients        rewrite clouds.yaml + openrc files for the given ports
  wait           wait until the servers answer (in parallel, 60 s at most)
  seed           idempotent users/projects/roles/catalog/app-cred + client files
  finish         end-to-end checks (main + short keystone via glance) + write stack.json
  summary        print where the running stack is
  record-pids    write the pids early into stack.json so down.sh can always stop them
  stop           stop the recorded pids (TERM, 10 s, KILL)
  verify-short   full check of the short token lifetime (waits for the expiry)
  status         pids, liveness and memory of the running stack
"""
import argparse
import datetime
import json
import os
import signal
import socket
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DOMAIN = "default"
# e2e-producer / e2e-consumer and their users erin, frank, gina belong to the e2e suites alone:
# no integration, reliability, scale test or bench loads images into them, so the workbench's
# tree there stays a screen long.
PROJECTS = ["producer", "consumer", "other", "service", "e2e-producer", "e2e-consumer", "ops"]
# rita and remy hold only `reader` (producer, consumer); gus holds `member` and the renamed admin
# role `glance_admin` in ops (docs/glance-behaviour.md#stack-policy-profiles)
USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "rita", "remy", "gus"]
RENAMED_ADMIN_ROLE = "glance_admin"
# (project, user, role)
GRANTS = [
    ("producer", "alice", "member"),
    ("consumer", "bob", "member"),
    ("producer", "carol", "member"),
    ("consumer", "carol", "member"),
    ("other", "dave", "member"),
    ("e2e-producer", "erin", "member"),
    ("e2e-consumer", "frank", "member"),
    ("e2e-producer", "gina", "member"),
    ("e2e-consumer", "gina", "member"),
    ("producer", "rita", "reader"),
    ("consumer", "remy", "reader"),
    ("ops", "gus", "member"),
    ("ops", "gus", RENAMED_ADMIN_ROLE),
    ("service", "glance", "admin"),
    ("service", "glance", "service"),
]
APPCRED_NAME = "vscode-it"
APPCRED_SECRET = "alice-appcred-secret"
# cloud name -> (user, project); everything uses password auth except alice-appcred
PASSWORD_CLOUDS = {
    "admin": ("admin", "admin"),
    "alice": ("alice", "producer"),
    "bob": ("bob", "consumer"),
    "carol-producer": ("carol", "producer"),
    "carol-consumer": ("carol", "consumer"),
    "dave": ("dave", "other"),
    "erin": ("erin", "e2e-producer"),
    "frank": ("frank", "e2e-consumer"),
    "gina-producer": ("gina", "e2e-producer"),
    "gina-consumer": ("gina", "e2e-consumer"),
    "rita": ("rita", "producer"),
    "remy": ("remy", "consumer"),
    "gus": ("gus", "ops"),
}
SHORT_CLOUDS = {"alice-short": ("alice", "producer"), "bob-short": ("bob", "consumer")}
# Two regions: one keystone (identity endpoints in RegionOne only), one glance per region, each
# with its own database. Every cloud names its region, so none depends on catalog order.
REGION_ONE, REGION_TWO = "RegionOne", "RegionTwo"
REGION_TWO_CLOUDS = {"alice-r2": ("alice", "producer"), "bob-r2": ("bob", "consumer")}
# no region_name, a regions list: the form for clients that show every region of a cloud
MULTI_REGION_CLOUDS = {"alice-regions": ("alice", "producer")}
# RegionOne's glance under the secure-RBAC policy profile: not in the catalog, these clouds reach it
# through image_endpoint_override (the same users, projects, images and members as RegionOne)
SRBAC_PROFILE = "secure-rbac"
SRBAC_CLOUDS = {
    "alice-srbac": ("alice", "producer"),
    "bob-srbac": ("bob", "consumer"),
    "rita-srbac": ("rita", "producer"),
    "remy-srbac": ("remy", "consumer"),
    "gus-srbac": ("gus", "ops"),
    "admin-srbac": ("admin", "admin"),
}
PID_FILES = {"keystone": "keystone.pid", "keystoneShort": "keystone-short.pid", "glance": "glance-api.pid",
             "glanceRegionTwo": "glance-api-r2.pid", "glanceSecureRbac": "glance-api-srbac.pid"}


def password(user):
    return "glancepass" if user == "glance" else user + "pass"


# ---------------------------------------------------------------- HTTP -----

class HTTPResult:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body) if self.body else None


def http(method, url, body=None, token=None, headers=None, timeout=10):
    """One request; HTTP errors are returned, not raised (callers check status)."""
    hdrs = {"Accept": "application/json"}
    if body is not None:
        hdrs["Content-Type"] = "application/json"
        body = json.dumps(body).encode()
    if token:
        hdrs["X-Auth-Token"] = token
    hdrs.update(headers or {})
    req = urllib.request.Request(url, data=body, headers=hdrs, method=method)
    t0 = time.time()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            res = HTTPResult(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        res = HTTPResult(e.code, e.headers, e.read())
    # answered calls take < 0.3 s; multi-second ones mean a loaded machine or sqlite lock waits
    if time.time() - t0 > 2:
        print("stack: slow answer (%.1f s): %s %s -> %d" % (time.time() - t0, method, url, res.status), file=sys.stderr)
    return res


def expect(res, *codes, what=""):
    if res.status not in codes:
        raise SystemExit("stack: %s -> HTTP %s (expected %s): %s"
                         % (what, res.status, codes, res.body[:500].decode(errors="replace")))
    return res


def password_token(keystone_url, user, project, timeout=10):
    """Project-scoped password token -> (token, token body)."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": DOMAIN}, "password": password(user)}}},
        "scope": {"project": {"name": project, "domain": {"id": DOMAIN}}}}}
    res = http("POST", keystone_url + "/auth/tokens?nocatalog", body, timeout=timeout)
    expect(res, 201, what="token for %s@%s at %s" % (user, project, keystone_url))
    return res.headers["X-Subject-Token"], res.json()["token"]


def parse_ts(s):
    # keystone: 2026-11-23T11:26:59.000000Z
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)


# ------------------------------------------------------------ processes ----

def proc_state(pid):
    """'alive', 'zombie' or 'gone'. kill -0 succeeds on zombies, so read /proc."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("State:"):
                    return "zombie" if line.split()[1] in ("Z", "X") else "alive"
    except (FileNotFoundError, ProcessLookupError):
        pass
    return "gone"


def is_ours(pid, stack_dir):
    """Guard against pid reuse: our servers carry the stack dir in their command line."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return (stack_dir.rstrip("/") + "/").encode() in f.read()
    except OSError:
        return False


def alive_and_ours(pid, stack_dir):
    return bool(pid) and proc_state(pid) == "alive" and is_ours(pid, stack_dir)


def children(pid):
    out = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# ----------------------------------------------------------- state files ---

class Stack:
    def __init__(self, stack_dir):
        self.dir = os.path.abspath(stack_dir)
        self.json_path = os.path.join(self.dir, "stack.json")

    def path(self, *p):
        return os.path.join(self.dir, *p)

    def load(self):
        try:
            with open(self.json_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def save(self, data):
        write_file(self.json_path, json.dumps(data, indent=2) + "\n")

    def pidfile_pids(self):
        pids = {}
        for name, fn in PID_FILES.items():
            try:
                with open(self.path("run", fn)) as f:
                    pids[name] = int(f.read().strip())
            except (OSError, ValueError):
                pass
        return pids

    def ids(self):
        with open(self.path("ids.json")) as f:
            return json.load(f)


def write_file(path, text, mode=0o644):
    # write + rename: a reader (test run, second up.sh) never sees half a file
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def port_of(url):
    return int(url.split(":")[2].split("/")[0])


def urls(k, g, s):
    return ("http://127.0.0.1:%d/v3" % k, "http://127.0.0.1:%d" % g, "http://127.0.0.1:%d/v3" % s)


def glance_url(port):
    return "http://127.0.0.1:%d" % port


def region_two_glance(data):
    return data.get("regions", {}).get(REGION_TWO, {}).get("glanceUrl")


def srbac_glance(data):
    return data.get("policyProfiles", {}).get(SRBAC_PROFILE, {}).get("glanceUrl")


# ------------------------------------------------------------- commands ----

def env_port(name):
    v = os.environ.get(name, "").strip()
    return int(v) if v else None


def seeded(st):
    """ids.json names every project and user this file seeds (a stack from before one was added is not)."""
    try:
        ids = st.ids()
    except (OSError, ValueError):
        return False
    return set(PROJECTS) <= set(ids.get("projects", {})) and set(USERS) <= set(ids.get("users", {}))


def cmd_health(st, args):
    """Reuse only what really works: live, non-zombie pids AND a token that glance accepts."""
    data = st.load()
    if not seeded(st):
        return 1  # restart on the existing state, which seeds what is missing
    pids = data.get("pids", {})
    glances = [data.get("glanceUrl"), region_two_glance(data), srbac_glance(data)]
    if not all(glances) or not all(alive_and_ours(pids.get(n), st.dir)
                                   for n in ("keystone", "glance", "glanceRegionTwo", "glanceSecureRbac")):
        return 1
    # explicit port requests that differ from the running stack mean "restart on those ports"
    for env, url in (("KEYSTONE_PORT", data["keystoneUrl"]), ("GLANCE_PORT", glances[0]),
                     ("GLANCE_REGION_TWO_PORT", glances[1]), ("GLANCE_SRBAC_PORT", glances[2])):
        if env_port(env) is not None and env_port(env) != port_of(url):
            return 1
    short_port = env_port("KEYSTONE_SHORT_PORT")
    short_moved = short_port is not None and short_port != port_of(data["keystoneShortUrl"])

    def works(keystone_url, glance_urls):
        try:
            tok, _ = password_token(keystone_url, "alice", "producer", timeout=5)
            return all(http("GET", g + "/v2/images?limit=1", token=tok, timeout=5).status == 200 for g in glance_urls)
        except (OSError, SystemExit):
            return False
    short_alive = alive_and_ours(pids.get("keystoneShort"), st.dir)
    with ThreadPoolExecutor(2) as pool:  # both checks at once: reuse is the common case
        main_ok = pool.submit(works, data["keystoneUrl"], glances)
        short_ok = pool.submit(works, data["keystoneShortUrl"], glances[:1]) if short_alive else None
        if not main_ok.result():
            return 1
        if (short_moved or args.short_seconds != data.get("shortTokenSeconds")
                or not short_ok or not short_ok.result()):
            return 2
    return 0


def bind(port):
    """A socket bound to 127.0.0.1:port (0 = any free port), or None if the port is taken.

    SO_REUSEADDR like uwsgi/eventlet do: our own old connections in TIME_WAIT on the port
    must not make us give up the port of the previous run."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        return s
    except OSError:
        s.close()
        return None


def cmd_ports(st, args):
    """Env override > port of the previous run (keeps catalog/clouds.yaml stable) > any free port."""
    data = st.load()
    socks = []  # all held until the five are picked, so they are distinct
    wanted = (("KEYSTONE_PORT", data.get("keystoneUrl")), ("GLANCE_PORT", data.get("glanceUrl")),
              ("KEYSTONE_SHORT_PORT", data.get("keystoneShortUrl")), ("GLANCE_REGION_TWO_PORT", region_two_glance(data)),
              ("GLANCE_SRBAC_PORT", srbac_glance(data)))
    for env, old_url in wanted[2:3] if args.short_only else wanted:
        want = env_port(env)
        if want is not None:
            s = bind(want)
            if not s:
                raise SystemExit("stack: %s=%d is already in use on 127.0.0.1" % (env, want))
        else:
            s = bind(port_of(old_url)) if old_url else None
            s = s or bind(0)
        socks.append(s)
    print(*(s.getsockname()[1] for s in socks))
    for s in socks:
        s.close()
    return 0


def cmd_wait(st, args):
    """Poll all servers in one loop; fail fast with the log tail if a server died."""
    targets = []  # (name, url, pidfile, log)
    for spec in args.targets:
        name, url, pidfile, log = spec.split("|")
        targets.append((name, url, pidfile, log))
    t0 = time.time()
    pending = {t[0]: t for t in targets}
    while pending:
        for name, (n, url, pidfile, log) in list(pending.items()):
            try:
                if http("GET", url, timeout=2).status == 200:
                    del pending[name]
                    print("stack: %-13s answers after %.1f s" % (name, time.time() - t0), file=sys.stderr)
                    continue
            except OSError:
                pass
            try:
                pid = int(open(pidfile).read().strip())
            except (OSError, ValueError):
                pid = None
            if pid and proc_state(pid) != "alive":
                tail(log)
                raise SystemExit("stack: %s (pid %d) died during start-up, see %s" % (name, pid, log))
            if time.time() - t0 > args.timeout:
                tail(log)
                raise SystemExit("stack: %s did not answer %s within %d s" % (name, url, args.timeout))
        time.sleep(0.1)
    return 0


def tail(paths, n=30):
    for path in paths.split(","):
        try:
            with open(path, errors="replace") as f:
                lines = f.readlines()[-n:]
            sys.stderr.write("---- last lines of %s ----\n%s\n" % (path, "".join(lines)))
        except OSError:
            pass


def cmd_seed(st, args):
    """Idempotent: works on a fresh db and on an existing one whose ports changed."""
    k_url, g_url, s_url = urls(args.keystone_port, args.glance_port, args.short_port)
    g2_url = glance_url(args.glance2_port)
    admin, _ = password_token(k_url, "admin", "admin")

    def api(method, path, body=None, codes=(200,), token=admin):
        return expect(http(method, k_url + path, body, token=token), *codes, what=method + " " + path).json()

    # Reads go 2 at a time (~80 ms each even warm; keystone runs 2 worker processes).
    # Writes strictly one after the other: two keystone processes writing sqlite at the same
    # time fail at random with "database is locked" -> 500 (a deferred transaction that read
    # first cannot be upgraded once the other process committed, and sqlite does not wait then).
    with ThreadPoolExecutor(2) as pool:
        projects, users, roles, services, endpoints, regions = pool.map(lambda call: call(), [
            lambda: {p["name"]: p["id"] for p in api("GET", "/projects?domain_id=" + DOMAIN)["projects"]},
            lambda: {u["name"]: u["id"] for u in api("GET", "/users?domain_id=" + DOMAIN)["users"]},
            lambda: {r["name"]: r["id"] for r in api("GET", "/roles")["roles"]},
            lambda: {s["type"]: s["id"] for s in api("GET", "/services")["services"]},
            lambda: api("GET", "/endpoints")["endpoints"],
            lambda: {r["id"] for r in api("GET", "/regions")["regions"]},
        ])

    for name in PROJECTS:
        if name not in projects:
            projects[name] = api("POST", "/projects", {"project": {
                "name": name, "domain_id": DOMAIN, "description": "glance-share test"}}, (201,))["project"]["id"]
    for name in USERS + ["glance"]:
        if name not in users:
            users[name] = api("POST", "/users", {"user": {
                "name": name, "domain_id": DOMAIN, "password": password(name), "enabled": True}},
                (201,))["user"]["id"]
    # reader and member come with bootstrap (admin implies member implies reader)
    for role in ("service", RENAMED_ADMIN_ROLE):
        if role not in roles:
            roles[role] = api("POST", "/roles", {"role": {"name": role}}, (201,))["role"]["id"]
    for project, user, role in GRANTS:  # PUT is idempotent
        api("PUT", "/projects/%s/users/%s/roles/%s" % (projects[project], users[user], roles[role]), codes=(204,))

    # catalog: identity (from bootstrap, RegionOne only) and one image service with endpoints in
    # both regions, all following the ports of this run
    if "image" not in services:
        services["image"] = api("POST", "/services", {"service": {
            "name": "glance", "type": "image", "enabled": True}}, (201,))["service"]["id"]
    if REGION_TWO not in regions:
        api("POST", "/regions", {"region": {"id": REGION_TWO, "description": "glance-share test: second glance"}}, (201,))
    wanted = {(services["identity"], iface, REGION_ONE): k_url + "/" for iface in ("public", "internal", "admin")}
    for region, url in ((REGION_ONE, g_url), (REGION_TWO, g2_url)):
        wanted.update({(services["image"], iface, region): url for iface in ("public", "internal")})
    for ep in endpoints:
        key = (ep["service_id"], ep["interface"], ep["region_id"])
        if key in wanted:
            url = wanted.pop(key)
            if ep["url"] != url:
                api("PATCH", "/endpoints/" + ep["id"], {"endpoint": {"url": url}})
    for (service_id, iface, region), url in wanted.items():
        api("POST", "/endpoints", {"endpoint": {"service_id": service_id, "interface": iface,
                                                "region_id": region, "url": url, "enabled": True}}, (201,))

    # application credential: created by alice herself (that is how a real user gets one)
    alice, _ = password_token(k_url, "alice", "producer")
    creds = api("GET", "/users/%s/application_credentials?name=%s" % (users["alice"], APPCRED_NAME),
                token=alice)["application_credentials"]
    if creds:
        appcred_id = creds[0]["id"]
    else:
        appcred_id = api("POST", "/users/%s/application_credentials" % users["alice"], {"application_credential": {
            "name": APPCRED_NAME, "secret": APPCRED_SECRET, "description": "glance-share integration tests"}},
            (201,), token=alice)["application_credential"]["id"]
    expect(http("POST", k_url + "/auth/tokens?nocatalog", {"auth": {"identity": {
        "methods": ["application_credential"],
        "application_credential": {"id": appcred_id, "secret": APPCRED_SECRET}}}}), 201, what="app-cred token")

    ids = {
        "projects": {n: projects[n] for n in ["admin"] + PROJECTS},
        "users": {n: users[n] for n in ["admin"] + USERS},
        "appcred": {"id": appcred_id, "name": APPCRED_NAME, "secret": APPCRED_SECRET},
    }
    write_file(st.path("ids.json"), json.dumps(ids, indent=2) + "\n")
    write_client_files(st, k_url, s_url, appcred_id, glance_url(args.srbac_port))
    return 0


def q(s):
    return json.dumps(s)  # a JSON string is a valid YAML scalar, and shell-safe enough for our values


def write_client_files(st, k_url, s_url, appcred_id, srbac_url):
    def common(region, image_override=None):
        where = ["    region_name: %s" % region] if region else ["    regions: [%s, %s]" % (REGION_ONE, REGION_TWO)]
        override = ["    image_endpoint_override: %s" % q(image_override)] if image_override else []
        return where + ["    identity_api_version: 3", "    image_api_version: 2", "    interface: public"] + override
    lines = ["# generated by test/stack/up.sh - local test stack, test passwords only", "clouds:"]
    openrc = {}  # cloud -> (region, env pairs); the multi-region cloud has none (an openrc names one region)

    def password_clouds(clouds, auth_url, region, image_override=None):
        for cloud, (user, project) in clouds.items():
            lines.extend(["  %s:" % cloud, "    auth:",
                          "      auth_url: %s" % q(auth_url),
                          "      username: %s" % q(user),
                          "      password: %s" % q(password(user)),
                          "      project_name: %s" % q(project),
                          "      user_domain_name: Default",
                          "      project_domain_name: Default"] + common(region, image_override))
            # the glance CLI would need OS_IMAGE_URL for the override: the openstack CLI reads clouds.yaml
            if region and not image_override:
                openrc[cloud] = (region, [("OS_AUTH_URL", auth_url), ("OS_USERNAME", user), ("OS_PASSWORD", password(user)),
                                          ("OS_PROJECT_NAME", project), ("OS_USER_DOMAIN_NAME", "Default"),
                                          ("OS_PROJECT_DOMAIN_NAME", "Default")])
    password_clouds(PASSWORD_CLOUDS, k_url, REGION_ONE)
    password_clouds(SHORT_CLOUDS, s_url, REGION_ONE)
    lines += ["  alice-appcred:", "    auth_type: v3applicationcredential", "    auth:",
              "      auth_url: %s" % q(k_url),
              "      application_credential_id: %s" % q(appcred_id),
              "      application_credential_secret: %s" % q(APPCRED_SECRET)] + common(REGION_ONE)
    openrc["alice-appcred"] = (REGION_ONE, [("OS_AUTH_TYPE", "v3applicationcredential"), ("OS_AUTH_URL", k_url),
                                            ("OS_APPLICATION_CREDENTIAL_ID", appcred_id),
                                            ("OS_APPLICATION_CREDENTIAL_SECRET", APPCRED_SECRET)])
    # the second region's clouds last: the first region's come first in every tree, as before
    password_clouds(REGION_TWO_CLOUDS, k_url, REGION_TWO)
    password_clouds(MULTI_REGION_CLOUDS, k_url, None)
    password_clouds(SRBAC_CLOUDS, k_url, REGION_ONE, srbac_url)
    write_file(st.path("clouds.yaml"), "\n".join(lines) + "\n", 0o600)
    for cloud, (region, pairs) in openrc.items():
        # the glance CLI does not read clouds.yaml; clear anything that would mix with these
        text = ["# source me: %s on the local test stack" % cloud]
        if cloud == "alice-appcred":
            text.append("# works with the openstack CLI; the glance CLI (glanceclient 4.1) cannot use app credentials")
        text += ["unset $(env | sed -n 's/^\\(OS_[A-Za-z0-9_]*\\)=.*/\\1/p')"]
        text += ["export %s=%s" % (k, q(v)) for k, v in pairs]
        text += ["export OS_REGION_NAME=%s" % region, "export OS_IDENTITY_API_VERSION=3",
                 "export OS_IMAGE_API_VERSION=2", "export OS_INTERFACE=public"]
        write_file(st.path(cloud + "-openrc"), "\n".join(text) + "\n", 0o600)


def cmd_clients(st, args):
    """Rewrite clouds.yaml / openrc files for new ports (short keystone moved) without re-seeding."""
    k_url, _, s_url = urls(args.keystone_port, 0, args.short_port)
    write_client_files(st, k_url, s_url, st.ids()["appcred"]["id"], glance_url(args.srbac_port))
    return 0


def check_short(k_url, s_url, g_url, seconds):
    """A token from the short keystone: right lifetime, valid at the main keystone and at glance."""
    tok, body = password_token(s_url, "alice", "producer")
    life = (parse_ts(body["expires_at"]) - parse_ts(body["issued_at"])).total_seconds()
    # fernet drops the sub-second part of expires_at, so the lifetime is seconds-1 < life <= seconds
    if not seconds - 1 <= life <= seconds:
        raise SystemExit("stack: short keystone issued a token living %.3f s, wanted %d" % (life, seconds))
    expect(http("GET", k_url + "/auth/tokens?nocatalog", token=tok, headers={"X-Subject-Token": tok}),
           200, what="short token validated at the main keystone")
    expect(http("GET", g_url + "/v2/images?limit=1", token=tok), 200, what="glance with a short token")
    return tok, body


def cmd_finish(st, args):
    k_url, g_url, s_url = urls(args.keystone_port, args.glance_port, args.short_port)
    g2_url = glance_url(args.glance2_port)
    gs_url = glance_url(args.srbac_port)
    # the end-to-end proof: keystone issues, each glance validates through keystone (authtoken);
    # the two checks are independent, so run them side by side
    def main_check():
        tok, _ = password_token(k_url, "alice", "producer")
        for where, url in ((REGION_ONE, g_url), (REGION_TWO, g2_url), (SRBAC_PROFILE, gs_url)):
            expect(http("GET", url + "/v2/images?limit=1", token=tok), 200, what="%s glance with alice's token" % where)
    with ThreadPoolExecutor(2) as pool:
        for f in [pool.submit(main_check), pool.submit(check_short, k_url, s_url, g_url, args.short_seconds)]:
            f.result()
    old = st.load()
    pids = st.pidfile_pids()
    now = time.time()
    data = {
        "keystoneUrl": k_url,
        "keystoneShortUrl": s_url,
        "glanceUrl": g_url,
        "shortTokenSeconds": args.short_seconds,
        "pids": {n: pids.get(n) for n in PID_FILES},
        "startedAt": old.get("startedAt"),
        "startSeconds": old.get("startSeconds"),
    }
    if args.t0 is not None:  # a full (re)start; a short-keystone-only restart keeps these
        data["startedAt"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        data["startSeconds"] = round(now - args.t0, 1)
    data["glanceDb"] = st.path("glance", "glance.db")
    # glanceUrl/glanceDb above are RegionOne's, for everything written before there were two regions
    data["regions"] = {
        REGION_ONE: {"glanceUrl": g_url, "glanceDb": data["glanceDb"]},
        REGION_TWO: {"glanceUrl": g2_url, "glanceDb": st.path(REGION_TWO, "glance", "glance.db")},
    }
    # the same database as RegionOne's glance, under the other policy (clouds: *-srbac)
    data["policyProfiles"] = {
        "legacy": {"glanceUrl": g_url},
        SRBAC_PROFILE: {"glanceUrl": gs_url, "clouds": sorted(SRBAC_CLOUDS)},
    }
    data["stackDir"] = st.dir
    data["cloudsYaml"] = st.path("clouds.yaml")
    st.save(data)
    return 0


def cmd_record_pids(st, args):
    data = st.load()
    data["pids"] = {n: st.pidfile_pids().get(n) for n in PID_FILES}
    data["stackDir"] = st.dir
    st.save(data)
    return 0


def cmd_summary(st, args):
    try:
        return summary(st, args)
    except BrokenPipeError:  # `up.sh | head`: the stack is up, a cut-off summary is no failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def summary(st, args):
    data = st.load()
    took = time.time() - args.t0
    mem = sum(rss_kb(p) + sum(rss_kb(c) for c in children(p)) for p in data["pids"].values() if p) / 1024
    print("stack: %s in %.2f s (%s)" % (args.what, took, st.dir))
    print("  keystone        %s   (pid %s)" % (data["keystoneUrl"], data["pids"]["keystone"]))
    print("  keystone short  %s   (pid %s, tokens live %d s)"
          % (data["keystoneShortUrl"], data["pids"]["keystoneShort"], data["shortTokenSeconds"]))
    print("  glance          %s        (pid %s, %s)" % (data["glanceUrl"], data["pids"]["glance"], REGION_ONE))
    print("  glance          %s        (pid %s, %s)" % (region_two_glance(data), data["pids"]["glanceRegionTwo"], REGION_TWO))
    print("  glance          %s        (pid %s, %s, secure-RBAC policy: *-srbac clouds)"
          % (srbac_glance(data), data["pids"]["glanceSecureRbac"], REGION_ONE))
    print("  clouds.yaml     %s" % st.path("clouds.yaml"))
    print("  ids / state     %s  %s" % (st.path("ids.json"), st.json_path))
    print("  started at %s, cold/restart start took %.1f s, RSS %.0f MB"
          % (data.get("startedAt"), data.get("startSeconds", 0), mem))
    print("  use: export OS_CLIENT_CONFIG_FILE=%s OS_CLOUD=alice" % st.path("clouds.yaml"))
    return 0


def cmd_stop(st, args):
    """Stop exactly the recorded pids (stack.json and run/*.pid, in case up.sh died half-way)."""
    data = st.load()
    # both sources: after an interrupted up.sh they may disagree, and either may be running
    recorded = set(st.pidfile_pids().items()) | {(k, v) for k, v in data.get("pids", {}).items() if v}
    names = args.only or sorted({name for name, _ in recorded})
    targets = {}
    for name, pid in sorted(recorded):
        if name in names and proc_state(pid) == "alive" and is_ours(pid, st.dir):
            targets["%s=%d" % (name, pid)] = pid
    if not targets:
        print("stack: nothing running" + (" (%s)" % ",".join(names) if args.only else ""))
        return 0
    t0 = time.time()
    # uwsgi workers: die-on-term/no-orphans makes them follow the master; track them anyway
    watch = set(targets.values())
    for pid in targets.values():
        watch.update(c for c in children(pid) if is_ours(c, st.dir))
    for pid in targets.values():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = t0 + 10
    while time.time() < deadline and any(proc_state(p) == "alive" for p in watch):
        time.sleep(0.05)
    left = [p for p in watch if proc_state(p) == "alive" and is_ours(p, st.dir)]
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    while time.time() < deadline + 5 and any(proc_state(p) == "alive" for p in left):
        time.sleep(0.05)
    for name in names:
        try:
            os.unlink(st.path("run", PID_FILES[name]))
        except OSError:
            pass
    print("stack: stopped %s in %.2f s%s" % (", ".join(targets), time.time() - t0,
                                              " (KILLed %s)" % left if left else ""))
    return 0


def cmd_verify_short(st, args):
    """Slow (waits for the expiry), so not part of every up.sh: 200 before, 401/404 after."""
    data = st.load()
    k_url, s_url, g_url = data["keystoneUrl"], data["keystoneShortUrl"], data["glanceUrl"]
    tok, body = check_short(k_url, s_url, g_url, data["shortTokenSeconds"])
    exp = parse_ts(body["expires_at"])
    print("short token issued %s, expires %s: glance 200, main keystone 200" % (body["issued_at"], body["expires_at"]))
    time.sleep(max(0, (exp - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) + 0.5)
    g = http("GET", g_url + "/v2/images?limit=1", token=tok).status
    k = http("GET", k_url + "/auth/tokens?nocatalog", token=tok, headers={"X-Subject-Token": tok}).status
    print("after expiry: glance %d (want 401), main keystone %d (want 401)" % (g, k))
    return 0 if (g, k) == (401, 401) else 1


def cmd_status(st, args):
    data = st.load()
    total = 0
    for name, pid in data.get("pids", {}).items():
        procs = [pid] + children(pid) if pid else []
        rss = sum(rss_kb(p) for p in procs) / 1024
        total += rss
        print("%-15s pid %-7s %-6s %d process(es) RSS %.0f MB"
              % (name, pid, proc_state(pid) if pid else "-", len(procs), rss))
    print("total RSS %.0f MB" % total)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stack-dir", required=True)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("health")
    p.add_argument("--short-seconds", type=int, required=True)
    p = sub.add_parser("ports")
    p.add_argument("--short-only", action="store_true", help="only the short keystone's port")
    p = sub.add_parser("clients")
    p.add_argument("--keystone-port", type=int, required=True)
    p.add_argument("--short-port", type=int, required=True)
    p.add_argument("--srbac-port", type=int, required=True, help="the secure-RBAC glance")
    p = sub.add_parser("wait")
    p.add_argument("--timeout", type=int, default=60)
    p.add_argument("targets", nargs="+", help="name|url|pidfile|logfile[,logfile]")
    for name in ("seed", "finish"):
        p = sub.add_parser(name)
        p.add_argument("--keystone-port", type=int, required=True)
        p.add_argument("--glance-port", type=int, required=True)
        p.add_argument("--short-port", type=int, required=True)
        p.add_argument("--glance2-port", type=int, required=True, help="RegionTwo's glance")
        p.add_argument("--srbac-port", type=int, required=True, help="the secure-RBAC glance")
        if name == "finish":
            p.add_argument("--short-seconds", type=int, required=True)
            p.add_argument("--t0", type=float)
    sub.add_parser("record-pids")
    p = sub.add_parser("summary")
    p.add_argument("--t0", type=float, required=True)
    p.add_argument("--what", default="running")
    p = sub.add_parser("stop")
    p.add_argument("--only", action="append", choices=list(PID_FILES))
    sub.add_parser("verify-short")
    sub.add_parser("status")
    args = ap.parse_args()
    st = Stack(args.stack_dir)
    return globals()["cmd_" + args.cmd.replace("-", "_")](st, args)


if __name__ == "__main__":
    sys.exit(main())
