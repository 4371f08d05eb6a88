/**
 * Format of an accepted origin-auth VALUE (the values never live in the model): 64 lowercase hex characters, as
 * `openssl rand -hex 32` prints. ALB header conditions match case-insensitively, at most 128 characters, with `*`
 * and `?` as wildcards (AWS Elastic Load Balancing API reference, HttpHeaderConditionConfig); NGINX's map matches
 * strings case-insensitively: lowercase hex means the same to both. One definition for the ALB's Terraform
 * validation, NGINX's values file and the worker's check of its secret (zod-free, so the worker bundles no schema).
 */
export const ORIGIN_AUTH_VALUE = /^[0-9a-f]{64}$/;
/** Accepted at once: the current value and, during a rotation, the next one. */
export const MAX_ORIGIN_AUTH_VALUES = 2;
