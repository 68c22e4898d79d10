/**
 * `@peculiar/x509`, loaded the one way that works: it resolves its algorithm
 * providers through tsyringe, which needs the `reflect-metadata` polyfill
 * installed before the library module is evaluated. ES modules evaluate
 * imports in order, so importing this file instead of the package directly
 * guarantees that order everywhere.
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
