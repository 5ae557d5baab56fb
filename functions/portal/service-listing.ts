import type { ServiceRow } from '../datasets/services.js';

/** What the portal needs of a catalogue service: its id, names and category. */
export type ServiceListing = Pick<ServiceRow, 'service_id' | 'name_pt' | 'name_en' | 'category'>;

/**
 * Where the portal reads the current service catalogue (the API's `ServiceDirectory` or
 * `() => serviceCatalogue.list()` both fit). Implementations cache.
 */
export type ServiceListingSource = () => Promise<readonly ServiceListing[]>;
