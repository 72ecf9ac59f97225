// The screening layer's public surface (`corridor/screening`): sanctions lists, name
// normalisation, matching and decisions. Pure: loading list files is an adapter's job.
export {};
