/**
 * `@peculiar/x509` with the `reflect-metadata` polyfill it needs installed
 * first (its algorithm providers resolve through tsyringe): import this file,
 * never the package, so the order always holds.
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
