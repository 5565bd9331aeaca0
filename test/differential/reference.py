#!/usr/bin/python3
"""What the openstack CLI (python-openstackclient on openstacksdk 0.101.0) resolves for each fixture.

    /usr/bin/python3 test/differential/reference.py test/differential/fixtures > reference.json

Each fixture folder stands for a machine: the folder itself is the current folder, home/ is $HOME,
etc/ is /etc (so etc/openstack and etc/xdg/openstack), and env.json holds the OS_* (and XDG_*)
variables, with $FIXTURE standing for the folder's absolute path. For every (cloud, region) the
CLI would offer (get_all_clouds()), it prints what `openstack --os-cloud C --os-region-name R`
would send: the token URL, the identity, the scope, the region, the interface, TLS and the image
endpoint settings. The CLI's own parser supplies the --os-* defaults from the environment, and
osc-lib's OSC_Config (an openstack.config.OpenStackConfig) resolves, exactly as the CLI does.
"""
import contextlib
import io
import json
import os
import sys
import warnings

warnings.simplefilter('ignore')

SUFFIXES = ('.yaml', '.yml', '.json')


def search_path(fixture, env):
    """loader.py's CONFIG_SEARCH_PATH with / moved to the fixture (appdirs' formulas)."""
    home = os.path.join(fixture, 'home')
    xdg_home = env.get('XDG_CONFIG_HOME') or os.path.join(home, '.config')
    unix_home = os.path.join(env.get('SNAP_REAL_HOME') or home, '.config')
    xdg_dirs = env.get('XDG_CONFIG_DIRS')
    site = os.path.join(xdg_dirs, 'openstack') if xdg_dirs else os.path.join(fixture, 'etc', 'xdg', 'openstack')
    return [fixture, os.path.join(xdg_home, 'openstack'), os.path.join(unix_home, 'openstack'),
            site, os.path.join(fixture, 'etc', 'openstack')]


def files(dirs, base):
    return [os.path.join(d, base + s) for d in dirs for s in SUFFIXES]


def token_url(auth_type, auth_url):
    """Where keystoneauth posts the credentials: v3 plugins append /auth/tokens, generic ones discover /v3."""
    if not auth_url:
        return None
    url = auth_url.rstrip('/')
    if auth_type.startswith('v3') or url.endswith('/v3'):
        return url + '/auth/tokens'
    return url + '/v3/auth/tokens'


def domain(auth, prefix, generic):
    for key, field in ((prefix + 'domain_id', 'id'), (prefix + 'domain_name', 'name')):
        if auth.get(key):
            return {field: auth[key]}
    if generic:
        for key, field in (('default_domain_id', 'id'), ('default_domain_name', 'name')):
            if auth.get(key):
                return {field: auth[key]}
    return None


def ksa_interface(value):
    return value[:-3] if isinstance(value, str) and value.endswith('URL') else value


def describe(region):
    c = region.config
    auth = c.get('auth', {})
    auth_type = c.get('auth_type') or 'password'
    generic = auth_type in ('password', 'token')
    kind = {'password': 'password', 'v3password': 'password', 'v3applicationcredential': 'applicationCredential',
            'token': 'token', 'v3token': 'token'}.get(auth_type, auth_type)
    user = None
    if auth.get('user_id'):
        user = {'id': auth['user_id']}
    elif auth.get('username'):
        user = {'name': auth['username'], 'domain': domain(auth, 'user_', generic)}
    if kind == 'applicationCredential':
        credential = {'id': auth['application_credential_id']} if auth.get('application_credential_id') \
            else {'name': auth.get('application_credential_name')}
        if credential.get('id'):
            user = None
        secret = auth.get('application_credential_secret')
    else:
        credential = None
        secret = auth.get('password') if kind == 'password' else auth.get('token')
    if auth.get('system_scope'):
        scope = {'system': auth['system_scope']}
    elif auth.get('project_id'):
        scope = {'project': {'id': auth['project_id']}}
    elif auth.get('project_name'):
        scope = {'project': {'name': auth['project_name'], 'domain': domain(auth, 'project_', generic)}}
    elif auth.get('domain_id') or auth.get('domain_name'):
        scope = {'domain': domain(auth, '', False)}
    else:
        scope = None
    verify, cert = region.get_requests_verify_args()
    cert_file, key_file = (cert if isinstance(cert, tuple) else (cert, None))
    override = c.get('image_endpoint_override')
    if override:
        override = override.rstrip('/')
        for suffix in ('/v2', '/v2.0', '/v2.1'):
            if override.endswith(suffix):
                override = override[:-len(suffix)]
    return {
        'authType': kind,
        'tokenUrl': token_url(auth_type, auth.get('auth_url')),
        'user': user,
        'credential': credential,
        'secret': secret,
        'scope': scope,
        'region': region.region_name or None,
        # keystoneauth reads publicURL/internalURL/adminURL (the old endpoint_type values) as public/internal/admin.
        'interface': ksa_interface(c.get('interface')),
        'verify': verify is not False,
        'cacert': verify if isinstance(verify, str) else None,
        'cert': cert_file,
        'key': key_file,
        'imageEndpointOverride': override or None,
        'imageInterface': ksa_interface(c.get('image_interface')),
        'imageRegion': c.get('image_region_name'),
    }


def cli_options(shell_module):
    """The CLI's parsed options with nothing on the command line: every --os-* from the environment."""
    app = shell_module.OpenStackShell()
    parser = app.build_option_parser('reference', '0')
    options, _ = parser.parse_known_args([])
    app.options = options
    app._final_defaults()
    return options, app._auth_type


def error_text(error):
    return '%s: %s' % (type(error).__name__, str(error).split('\n')[0])


def resolve(fixture):
    with open(os.path.join(fixture, 'env.json')) as f:
        env = {k: v.replace('$FIXTURE', fixture) for k, v in json.load(f).items()}
    env['HOME'] = os.path.join(fixture, 'home')
    os.environ.clear()
    os.environ.update(env)
    from openstackclient import shell
    from osc_lib.cli import client_config
    dirs = search_path(fixture, env)
    try:
        options, auth_type = cli_options(shell)
        config = client_config.OSC_Config(
            config_files=files(dirs, 'clouds'), secure_files=files(dirs, 'secure'),
            vendor_files=files(dirs, 'clouds-public'),
            override_defaults={'interface': 'public', 'auth_type': auth_type})
    except Exception as error:  # the CLI stops before any cloud
        return {'error': error_text(error), 'clouds': []}
    out = {'defaultCloud': config.default_cloud, 'clouds': []}
    env_region = options.region_name
    for cloud in config.get_cloud_names():
        try:
            names = [r['name'] for r in config._get_regions(cloud)]
        except Exception as error:
            out['clouds'].append({'cloud': cloud, 'region': None, 'error': error_text(error)})
            continue
        if names == [''] and env_region:
            names = [env_region]
        for name in names:
            options.cloud = cloud
            options.region_name = name or env_region
            entry = {'cloud': cloud, 'region': name or None}
            try:
                entry.update(describe(config.get_one(cloud=cloud, argparse=options, validate=True)))
            except Exception as error:
                entry['error'] = error_text(error)
            out['clouds'].append(entry)
    if config.default_cloud:
        options.cloud = config.default_cloud
        options.region_name = env_region
        try:
            out['defaultRegion'] = config.get_one(cloud=config.default_cloud, argparse=options, validate=False).region_name or None
        except Exception as error:
            out['defaultRegion'] = {'error': error_text(error)}
    return out


def main():
    root = os.path.abspath(sys.argv[1])
    results = {}
    for name in sorted(os.listdir(root)):
        fixture = os.path.join(root, name)
        if os.path.isdir(fixture):
            with contextlib.redirect_stderr(io.StringIO()):
                results[name] = resolve(fixture)
            results[name] = json.loads(json.dumps(results[name]).replace(fixture + '/', '$FIXTURE/'))
    # Paths inside a fixture are written relative to it, so that the output is the same on any machine.
    text = json.dumps(results, indent=1, sort_keys=True).replace(root + '/', '')
    sys.stdout.write(text + '\n')


if __name__ == '__main__':
    main()
