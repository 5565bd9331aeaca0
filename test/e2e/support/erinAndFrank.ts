// A window with erin (owner, e2e-producer) and frank (consumer, e2e-consumer) signed in, and the
// images a suite makes as erin, deleted when it closes: the setup the suites on sharing from the
// owner's side to the consumer's share.
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { GlanceImage } from '../../../src/openstack';
import { connectAs, createImage, deleteImage, type TestConnection } from '../../support/stack';
import { openContainer, openWorkbench, resizeSideBar, windowClouds, type Workbench } from './workbench';

export const ERIN = 'erin · e2e-producer';
export const FRANK = 'frank · e2e-consumer';

export class ErinAndFrank {
  private wb: Workbench | undefined;
  private dir = '';
  private readonly made: GlanceImage[] = [];

  private constructor(
    readonly erin: TestConnection,
    readonly frank: TestConnection,
  ) {}

  static async connect(): Promise<ErinAndFrank> {
    const [erin, frank] = await Promise.all([connectAs('erin'), connectAs('frank')]);
    return new ErinAndFrank(erin, frank);
  }

  /** An image of erin's, deleted by close(). */
  async image(name: string, visibility: 'private' | 'shared'): Promise<GlanceImage> {
    const image = await createImage(this.erin, name, visibility);
    this.made.push(image);
    return image;
  }

  /** The workbench with erin's and frank's clouds only, the Images view shown `sideBarWidth` wide. */
  async open(dirPrefix: string, sideBarWidth: number): Promise<Workbench> {
    const window = windowClouds(['erin', 'frank'], dirPrefix);
    this.dir = window.dir;
    this.wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: window.file });
    await openContainer(this.wb.page);
    await resizeSideBar(this.wb.page, sideBarWidth);
    return this.wb;
  }

  get page(): Page {
    if (!this.wb) throw new Error('the workbench is not open');
    return this.wb.page;
  }

  get origin(): string {
    if (!this.wb) throw new Error('the workbench is not open');
    return this.wb.server.origin;
  }

  async close(): Promise<void> {
    await this.wb?.close();
    for (const image of this.made) await deleteImage(this.erin, image.id).catch(() => undefined);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.erin.dispose();
    this.frank.dispose();
  }
}
