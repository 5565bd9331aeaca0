import * as vscode from 'vscode';
import type { CloudConfig, EndpointInterface } from '../openstack';

/** A cloud added through "Add Cloud…": everything but the password, which lives in SecretStorage. */
export interface UserCloud {
  readonly name: string;
  readonly authUrl: string;
  readonly username: string;
  readonly userDomain: string;
  readonly projectName: string;
  readonly projectDomain: string;
  readonly regionName?: string;
  readonly interface?: EndpointInterface;
}

const STATE_KEY = 'glanceShare.userClouds';

/**
 * Clouds added in the UI (kept in globalState, never in settings) and the secrets the user asked
 * VS Code to remember for any cloud (kept in SecretStorage, the OS keychain where there is one).
 */
export class CredentialStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly secretStorage: vscode.SecretStorage,
  ) {}

  userClouds(): UserCloud[] {
    return this.state.get<UserCloud[]>(STATE_KEY, []);
  }

  async addUserCloud(cloud: UserCloud, password: string): Promise<void> {
    const others = this.userClouds().filter((c) => c.name !== cloud.name);
    await this.state.update(STATE_KEY, [...others, cloud]);
    await this.storeSecret(userCloudConfig(cloud), password);
  }

  async removeUserCloud(name: string): Promise<void> {
    const cloud = this.userClouds().find((c) => c.name === name);
    await this.state.update(
      STATE_KEY,
      this.userClouds().filter((c) => c.name !== name),
    );
    if (cloud) {
      await this.secretStorage.delete(secretKey(userCloudConfig(cloud)));
    }
  }

  async storedSecret(cloud: CloudConfig): Promise<string | undefined> {
    return this.secretStorage.get(secretKey(cloud));
  }

  async storeSecret(cloud: CloudConfig, secret: string): Promise<void> {
    await this.secretStorage.store(secretKey(cloud), secret);
  }

  async forgetSecret(cloud: CloudConfig): Promise<void> {
    await this.secretStorage.delete(secretKey(cloud));
  }
}

/** One key per cloud and origin, so a file cloud and a UI cloud of the same name do not collide. */
function secretKey(cloud: CloudConfig): string {
  const origin = cloud.source.kind === 'file' ? `file:${cloud.source.path}` : cloud.source.kind;
  return `glanceShare.secret:${origin}:${cloud.name}`;
}

export function userCloudConfig(cloud: UserCloud): CloudConfig {
  return {
    name: cloud.name,
    source: { kind: 'user' },
    auth: {
      type: 'password',
      authUrl: cloud.authUrl,
      username: cloud.username,
      userDomain: { name: cloud.userDomain },
      project: { name: cloud.projectName, domain: { name: cloud.projectDomain } },
    },
    regionName: cloud.regionName,
    regions: cloud.regionName ? [cloud.regionName] : [],
    interface: cloud.interface ?? 'public',
    verify: true,
  };
}
