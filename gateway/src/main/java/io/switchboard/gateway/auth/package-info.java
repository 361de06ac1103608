/**
 * Who a connection is: the credentials of an upgrade request (bearer JWT, {@code access_token}, {@code resume} token,
 * or none), JWT verification with its keys (secret, PEM, JWKS file or URL), the Origin allowlist, and the development
 * tokens. The only package that uses JOSE (nimbus-jose-jwt); it must not use Undertow or Kafka clients
 * (ArchitectureTest).
 */
package io.switchboard.gateway.auth;
