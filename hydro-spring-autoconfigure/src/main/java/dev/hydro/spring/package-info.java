/** Spring Boot auto-configuration for Hydro flows. */
package dev.hydro.spring;
