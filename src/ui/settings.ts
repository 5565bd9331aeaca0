import * as vscode from 'vscode';
import { DEFAULT_MEMBER_QUOTA, isPolicyProfileSetting, type PolicyProfileSetting } from '../sharing';
import type { ProxySettings } from '../openstack';

/** glance-share's settings, typed. Read each time: they can change while VS Code runs. */
export interface Settings {
  readonly requestTimeoutMs: number;
  /** An explicit clouds.yaml, overriding the openstack CLI's search order. */
  readonly cloudsFile: string | undefined;
  /** Minutes between checks for newly shared images; 0 = never. */
  readonly pendingCheckMinutes: number;
  /** The roles Glance treats as admin (an operator may have renamed `admin`). */
  readonly adminRoles: readonly string[];
  /** The policy profile of a cloud: `glanceShare.policyProfiles[cloud]`, else `glanceShare.policyProfile`. */
  readonly policyProfile: (cloud: string) => PolicyProfileSetting;
  /** Members an image may have (Glance's image_member_quota): bulk plans do not send past it. */
  readonly memberQuota: number;
  /** VS Code's own proxy settings (http.*), which the cloud requests honour: see docs/proxies.md. */
  readonly proxy: ProxySettings;
}

const PROXY_SUPPORT = new Set(['off', 'on', 'fallback', 'override']);

/** VS Code's http.proxy, http.noProxy, http.proxyStrictSSL, http.proxySupport and http.proxyAuthorization. */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const support = http.get<string>('proxySupport', 'override');
  const noProxy = http.get<unknown>('noProxy', []);
  const authorization = http.get<unknown>('proxyAuthorization');
  return {
    proxy: http.get<string>('proxy', '').trim() || undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((e): e is string => typeof e === 'string') : [],
    strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
    support: PROXY_SUPPORT.has(support) ? (support as ProxySettings['support']) : 'override',
    authorization: typeof authorization === 'string' && authorization.trim() ? authorization : undefined,
  };
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('glanceShare');
  const seconds = config.get<number>('requestTimeoutSeconds', 30);
  const cloudsFile = config.get<string>('cloudsFile', '').trim();
  const minutes = config.get<number>('pendingCheckMinutes', 0);
  const adminRoles = config.get<unknown>('adminRoles', ['admin']);
  const profile = config.get<unknown>('policyProfile', 'auto');
  const perCloud = config.get<unknown>('policyProfiles', {});
  const quota = config.get<number>('memberQuota', DEFAULT_MEMBER_QUOTA);
  const byCloud = perCloud && typeof perCloud === 'object' ? (perCloud as Record<string, unknown>) : {};
  return {
    pendingCheckMinutes: Number.isFinite(minutes) && minutes > 0 ? Math.max(1, minutes) : 0,
    requestTimeoutMs: Math.min(600, Math.max(1, Number.isFinite(seconds) ? seconds : 30)) * 1000,
    cloudsFile: cloudsFile || undefined,
    adminRoles: Array.isArray(adminRoles) ? adminRoles.filter((r): r is string => typeof r === 'string' && r.trim() !== '').map((r) => r.trim()) : ['admin'],
    policyProfile: (cloud) => {
      const own = Object.prototype.hasOwnProperty.call(byCloud, cloud) ? byCloud[cloud] : undefined;
      if (isPolicyProfileSetting(own)) return own;
      return isPolicyProfileSetting(profile) ? profile : 'auto';
    },
    memberQuota: Number.isFinite(quota) && quota >= 1 ? Math.floor(quota) : DEFAULT_MEMBER_QUOTA,
    proxy: readProxySettings(),
  };
}
