/**
 * Every accepted disagreement between glance-share's loader and the openstack CLI on the
 * differential fixtures, in ONE place, each with its reason. The differential test fails on a
 * difference not listed here AND on a listed one that no longer differs, so this list is exact.
 *
 * An entry is "<fixture> <cloud>@<region> <field>" (region empty when the cloud names none;
 * "(default)" for the cloud and region used when no --os-cloud is given).
 * docs/config-parity.md explains each reason for users.
 */
export const REASONS = {
  DEFAULT_DOMAIN:
    'No user or project domain is written and identity_api_version is not 3: the CLI sends the name without a domain and Keystone refuses it; ' +
    'glance-share uses OS_DEFAULT_DOMAIN (active cloud) or the "default" domain, as osc-lib does with identity_api_version 3 (kinder).',
  SYSTEM_SCOPE: 'system_scope: a system-scoped token sees no project images and glance-share works in projects, so it says so and asks for project_name (stricter).',
  NO_PLACEHOLDER_CLOUD:
    'With no cloud anywhere, openstacksdk invents a cloud named "defaults" that cannot sign in; glance-share offers no cloud and shows its welcome view.',
  KEYSTONE_V2:
    'A /v2.0 auth_url or auth_type v2password: keystoneauth would try it and fail at sign-in; glance-share says at once that Keystone v2 is gone and to write /v3 (stricter).',
  DIGITS_AS_WRITTEN:
    'PyYAML reads an unquoted 0777 or 01234567 as an octal number and the CLI sends its decimal value (511, 342391); ' +
    'glance-share keeps the digits as written, which is what the user meant as a name or password (kinder).',
  DOMAIN_SCOPE:
    "domain_id without a project: the CLI asks for a domain-scoped token, which sees no images; glance-share takes the domain as the user's and lets the user pick a project.",
  STALE_OPENRC:
    'OS_CLOUD with a sourced openrc left in the shell: the CLI lets OS_AUTH_URL, OS_USERNAME, OS_PROJECT_* override the chosen cloud; ' +
    'glance-share applies only selectors (region, interface, CA/cert/key, default domain) and secrets (OS_PASSWORD), never a stale identity (deliberate).',
  REGION_NOT_OF_THE_CLOUD:
    'OS_REGION_NAME names no region of the OS_CLOUD cloud (region names are case sensitive): the CLI stops with an error; ' +
    'glance-share reports the same error and still offers the cloud in its own regions (kinder).',
  QUOTED_BOOLEAN_VERIFY:
    'verify: "false" (quoted): the CLI hands the string to requests as a CA bundle path and fails at the first request; ' +
    'glance-share says at once to drop the quotes. Neither turns verification off (stricter).',
  SINGLE_SIGN_ON:
    'An auth type glance-share cannot sign in with (TOTP here; OIDC/SAML too): it says so and points to an application credential instead of prompting for a passcode (stricter).',
} as const;

export const ACCEPTED: Readonly<Record<keyof typeof REASONS, readonly string[]>> = {
  DEFAULT_DOMAIN: [
    'image-endpoint-override templated@fr1 user',
    'image-endpoint-override templated@de1 user',
    'os-region-not-a-region-of-os-cloud multi@RegionOne user',
    'os-region-not-a-region-of-os-cloud multi@RegionTwo user',
    'verify-quoted-false unquoted@ user',
    'cacert-tilde-and-client-cert mtls@ user',
    'cacert-tilde-and-client-cert cert-only@ user',
    'cacert-tilde-and-client-cert verify-path@ user',
    'cloud-level-wins-over-auth both@ user',
    'clouds-json j@R user',
    'clouds-json j@R scope',
    'clouds-yml-suffix yml@ user',
    'clouds-yml-suffix yml@ scope',
    'first-file-wins cwd@ user',
    'image-endpoint-override plain@ user',
    'image-endpoint-override with-v2@ user',
    'image-endpoint-override image-interface-region@RegionOne user',
    'image-endpoint-override image-endpoint-type@ user',
    'merge-keys-list a@Lyon user',
    'misspelt-auth-key ok@ user',
    'misspelt-auth-key ok@ scope',
    'os-cacert-os-cert-with-os-cloud c@ user',
    'os-client-config-file mine@ user',
    'os-client-config-file mine@ scope',
    'os-client-secure-file c@ user',
    'os-client-secure-file c@ scope',
    'os-cloud-name filecloud@ user',
    'os-cloud-name myrc@ user',
    'os-cloud-name myrc@ scope',
    'os-cloud-unknown c@ user',
    'os-insecure-openrc envvars@ user',
    'os-insecure-openrc-yes envvars@ user',
    'os-insecure-with-os-cloud c@ user',
    'os-interface-with-os-cloud c@ user',
    'os-region-no-regions-known c@Paris user',
    'os-region-with-os-cloud multi@RegionOne user',
    'os-region-with-os-cloud multi@RegionTwo user',
    'os-region-with-os-cloud other@RegionOne user',
    'os-region-with-os-cloud other@RegionTwo user',
    'region-name-comma-list comma@DFW user',
    'region-name-comma-list comma@ORD user',
    'region-name-comma-list comma@IAD user',
    'regions-strings multi@RegionOne user',
    'regions-strings multi@RegionTwo user',
    'regions-strings multi@RegionThree user',
    'regions-with-values multi@east user',
    'regions-with-values multi@west user',
    'regions-with-values multi@plain user',
    'sdk-unit-user-conf _test-cloud-override-metrics@ user',
    'sdk-unit-user-conf _test-cloud_@test-region user',
    'sdk-unit-user-conf _test-cloud_@test-region scope',
    'sdk-unit-user-conf _test-cloud_no_region@ user',
    'sdk-unit-user-conf _test-cloud_no_region@ scope',
    'sdk-unit-user-conf _test_cloud_hyphenated@test-region user',
    'sdk-unit-user-conf _test_cloud_no_vendor@test-region user',
    'sdk-unit-user-conf _test_cloud_no_vendor@test-region scope',
    'sdk-unit-user-conf _test_cloud_regions@region1 user',
    'sdk-unit-user-conf _test_cloud_regions@region2 user',
    'sdk-unit-user-conf _test_cloud_regions@region-no-value user',
    'secure-in-home-config c@ user',
    'secure-only-cloud hidden@ user',
    'secure-only-cloud hidden@ scope',
    'single-cloud-gets-os-region only@RegionTwo user',
    'tenant-keys hyphens@ user',
    'xdg-config-home fromxdg@ user',
    'xdg-config-home fromxdg@ scope',
    'xdg-config-home-empty-falls-to-home fromhome@ user',
    'xdg-config-home-empty-falls-to-home fromhome@ scope',
    'yaml11-booleans yes-insecure@ user',
    'yaml11-booleans quoted-yes-insecure@ user',
    'yaml11-booleans verify-off@ user',
    'yaml11-booleans verify-no@ user',
    'yaml11-booleans insecure-string-true@ user',
    'yaml11-booleans insecure-on-verify-true@ user',
  ],
  SYSTEM_SCOPE: [
    'devstack-etc-openstack devstack-system-admin@RegionOne outcome',
    'devstack-etc-xdg devstack-system-admin@RegionOne outcome',
    'kolla-clouds-yaml kolla-admin-system@RegionOne outcome',
  ],
  NO_PLACEHOLDER_CLOUD: ['empty-clouds (default) cloud'],
  KEYSTONE_V2: ['v2password-auth-type legacy@ outcome', 'keystone-v2-auth-url old@ outcome'],
  DIGITS_AS_WRITTEN: ['numbers-in-yaml nums@2 user', 'numbers-in-yaml nums@2 secret', 'ovh-clouds-yaml-octal-looking-project ovh@GRA7 scope'],
  DOMAIN_SCOPE: ['sdk-unit-user-conf _test-cloud-domain-scoped_@ user', 'sdk-unit-user-conf _test-cloud-domain-scoped_@ scope'],
  STALE_OPENRC: [
    'stale-openrc-with-os-cloud fresh@RegionOne tokenUrl',
    'stale-openrc-with-os-cloud fresh@RegionOne user',
    'stale-openrc-with-os-cloud fresh@RegionOne scope',
  ],
  REGION_NOT_OF_THE_CLOUD: ['os-region-not-a-region-of-os-cloud (default) cloud'],
  QUOTED_BOOLEAN_VERIFY: ['verify-quoted-false quoted@ outcome'],
  SINGLE_SIGN_ON: ['unsupported-auth-type totp@ outcome'],
};
