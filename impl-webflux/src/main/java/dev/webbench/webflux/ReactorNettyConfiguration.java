package dev.webbench.webflux;

import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/** The contract's HTTP limits that Spring Boot's server properties cannot express, as Netty handlers. */
@Configuration(proxyBeanMethods = false)
class ReactorNettyConfiguration {

    @Bean
    NettyServerCustomizer contractHandlers(JsonMapper json) {
        ProtocolErrorBodies errorBodies = new ProtocolErrorBodies(json);
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) { // an HTTP/1.1 connection
                HeaderDeadline.install(pipeline);
                pipeline.addAfter(NettyPipeline.HttpCodec, "webbench.refusedBodyDrain", new RefusedBodyDrain());
                pipeline.addAfter(NettyPipeline.HttpCodec, "webbench.protocolErrorBodies", errorBodies);
            }
        });
    }
}
