/** Trending words: a distributed service built on hydro-spring. */
package dev.hydro.sample;
