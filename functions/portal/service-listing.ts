/**
 * What the portal needs of a catalogue service: its id, names and category (the `services`
 * dataset's columns; the API's `ServiceRecord` and the dataset's `ServiceRow` both fit).
 */
export interface ServiceListing {
  readonly service_id: string;
  readonly name_pt: string;
  readonly name_en: string;
  readonly category: string;
}

/**
 * Where the portal reads the current service catalogue (the API's `ServiceDirectory` or
 * `() => serviceCatalogue.list()` both fit). Implementations cache.
 */
export type ServiceListingSource = () => Promise<readonly ServiceListing[]>;
