// The vendor profiles openstacksdk 0.101.0 ships (openstack/config/vendors/*.json, limestonenetworks.yaml as JSON).
// Apache-2.0 data, see NOTICE in this folder. `profile: <name>` (or the older `cloud: <name>`) in clouds.yaml starts from one of these.
import auro from './auro.json';
import betacloud from './betacloud.json';
import bluebox from './bluebox.json';
import catalyst from './catalyst.json';
import citycloud from './citycloud.json';
import conoha from './conoha.json';
import dreamcompute from './dreamcompute.json';
import elastx from './elastx.json';
import entercloudsuite from './entercloudsuite.json';
import fuga from './fuga.json';
import ibmcloud from './ibmcloud.json';
import internap from './internap.json';
import limestonenetworks from './limestonenetworks.json';
import otc from './otc.json';
import ovh_us from './ovh-us.json';
import ovh from './ovh.json';
import rackspace from './rackspace.json';
import switchengines from './switchengines.json';
import ultimum from './ultimum.json';
import unitedstack from './unitedstack.json';
import vexxhost from './vexxhost.json';
import zetta from './zetta.json';

/** Each file's {name, profile} as openstacksdk reads them. */
export const VENDOR_FILES: readonly { readonly name: string; readonly profile: Record<string, unknown> }[] = [
  auro,
  betacloud,
  bluebox,
  catalyst,
  citycloud,
  conoha,
  dreamcompute,
  elastx,
  entercloudsuite,
  fuga,
  ibmcloud,
  internap,
  limestonenetworks,
  otc,
  ovh_us,
  ovh,
  rackspace,
  switchengines,
  ultimum,
  unitedstack,
  vexxhost,
  zetta,
];
