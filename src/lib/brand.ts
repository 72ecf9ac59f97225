// Branded identifier types so that a BIC can never be passed where a message id is expected.

declare const brand: unique symbol;
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };
