import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import type { Connections } from './connections';

/**
 * The steps of the "Get started" walkthrough (package.json `contributes.walkthroughs`), each
 * completed by a context key that is set here only when the step really happened: a scope
 * signed in, a project ID reached the clipboard, Glance added a member, Glance accepted a share.
 * A cancelled picker or a refused request sets nothing. VS Code remembers a completed step itself.
 */
export const WALKTHROUGH_KEYS = {
  connected: 'glanceShare.walkthrough.connected',
  copiedProjectId: 'glanceShare.walkthrough.copiedProjectId',
  shared: 'glanceShare.walkthrough.shared',
  accepted: 'glanceShare.walkthrough.accepted',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_KEYS;

/** The walkthrough's tab, or the Welcome page that lists it (English titles; "Glance: Get Started" needs none). */
const WALKTHROUGH_TAB = /^(Welcome|Walkthrough\b)/;

/**
 * VS Code's walkthroughs service is created when a walkthrough or the Welcome page is first
 * shown. A step whose `onContext` key is already true when the service registers it is recorded
 * as "already happened" without being ticked, and never ticks afterwards (VS Code 1.100). So the
 * keys stay unset until the service exists, and what happened before is told to it then: the
 * step ticks as soon as the user sees the walkthrough, whenever the thing happened.
 */
export class WalkthroughProgress extends DisposableBase {
  private connected = false;
  private readonly reachedSteps = new Set<Exclude<WalkthroughStep, 'connected'>>();
  private serviceExists = false;
  /** Watches the tabs for a walkthrough until one has been shown (then there is nothing left to learn). */
  private tabWatch: vscode.Disposable | undefined;
  private readonly log: Array<{ readonly step: WalkthroughStep; readonly value: boolean }> = [];

  constructor(connections: Connections) {
    super();
    // The connect step's key says whether any scope is signed in now; the others say "it happened".
    const check = () => {
      const now = connections.scopes.some((s) => s.state.kind === 'connected');
      if (now !== this.connected) {
        this.connected = now;
        if (this.serviceExists) this.set('connected', now);
      }
    };
    this._register(connections.onDidChange(check));
    check();
    const lookAtTabs = () => {
      if (vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => WALKTHROUGH_TAB.test(t.label)))) this.walkthroughShown();
    };
    this.tabWatch = this._register(vscode.window.tabGroups.onDidChangeTabs(lookAtTabs));
    lookAtTabs();
  }

  /** The user did what the step asks, and Glance (or the clipboard) confirmed it. */
  reached(step: Exclude<WalkthroughStep, 'connected'>): void {
    this.reachedSteps.add(step);
    if (this.serviceExists) this.set(step, true);
  }

  /** A walkthrough is on screen: VS Code's walkthroughs service exists now; tell it what already happened. */
  walkthroughShown(): void {
    if (this.serviceExists) return;
    this.serviceExists = true;
    this.tabWatch?.dispose();
    this.tabWatch = undefined;
    if (this.connected) this.set('connected', true);
    for (const step of this.reachedSteps) this.set(step, true);
  }

  /** Every context key VS Code has taken, in order (for the extension-host tests). */
  get history(): ReadonlyArray<{ readonly step: WalkthroughStep; readonly value: boolean }> {
    return this.log;
  }

  private set(step: WalkthroughStep, value: boolean): void {
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[step], value).then(() => this.log.push({ step, value }));
  }
}

/** The walkthrough's ID as VS Code knows it: `<publisher>.<name>#<walkthrough id>`. */
export const WALKTHROUGH_ID = 'glance-share.glance-share#glanceShare.gettingStarted';

/** "Glance: Get Started" and the welcome view's link open the walkthrough. Registered in commands.ts. */
export function walkthroughCommands(progress: WalkthroughProgress): Record<string, () => unknown> {
  return {
    'glanceShare.openWalkthrough': async () => {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
      progress.walkthroughShown();
    },
  };
}
