import type { GlanceImage } from '../../src/openstack';

/** An image as Glance lists it, with only what a test cares about set. */
export function image(id: string, overrides: Partial<GlanceImage> = {}): GlanceImage {
  return {
    id, name: id, status: 'active', visibility: 'private', owner: 'me', protected: false, disk_format: 'raw', container_format: 'bare',
    size: null, virtual_size: null, min_disk: 0, min_ram: 0, checksum: null, created_at: '', updated_at: '', tags: [], os_hidden: false,
    ...overrides,
  };
}
