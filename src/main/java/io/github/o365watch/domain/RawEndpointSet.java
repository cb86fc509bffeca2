package io.github.o365watch.domain;

import java.util.List;

/**
 * An endpoint set exactly as the JSON carries it, before validation: the component names are
 * the web service's field names, so a JSON mapper binds it directly. Absent fields are null.
 */
public record RawEndpointSet(
        Integer id,
        String serviceArea,
        String serviceAreaDisplayName,
        List<String> urls,
        List<String> ips,
        String tcpPorts,
        String udpPorts,
        Boolean expressRoute,
        String category,
        Boolean required,
        String notes) {}
