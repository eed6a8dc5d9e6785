/**
 * The Hydro dataflow engine: locations, typed live collections, ticks and networking, with no Spring
 * dependency.
 */
package dev.hydro;
