package org.fieldsafe.server.auth;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Which address a request comes from when a reverse proxy stands in front: only when the connection's own address
 * (the peer) is a trusted proxy does its forwarded header count, and then the client is the right-most address in
 * it that is not itself a trusted proxy (entries further left were written by the client and may be forged). With
 * no trusted proxies (the default) or from any other peer, the header is ignored and the peer is the client.
 */
public final class TrustedProxies {
    private final InetAddressSet trusted = new InetAddressSet();

    /** @param proxies IP addresses or CIDR ranges ({@code 10.0.0.0/8}), as checked by the configuration */
    public TrustedProxies(List<String> proxies) {
        proxies.forEach(p -> trusted.add(p.strip()));
    }

    public boolean none() {
        return trusted.isEmpty();
    }

    /**
     * The client address of a request from {@code peer} carrying {@code forwarded} (the header's values in order,
     * each a comma-separated list; empty when absent).
     */
    public String client(String peer, List<String> forwarded) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwarded) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                return client; // not an address: what lies further left cannot be trusted either
            }
            client = InetAddresses.toAddrString(hop);
            if (!trusted.test(hop)) {
                return client;
            }
        }
        return client;
    }

    /** Whether a request came from a trusted proxy (whose forwarded headers may then be believed). */
    public boolean isTrusted(String peer) {
        InetAddress address = parse(peer);
        return address != null && trusted.test(address);
    }

    /** An IP literal (IPv6 possibly in brackets), never a host name: nothing here asks DNS. */
    private static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            return InetAddresses.forString(literal);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
