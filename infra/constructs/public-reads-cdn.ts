/**
 * CloudFront in front of the HTTP API, for the public reads only (widget, directory,
 * exports, docs). Choice: the distribution allows GET/HEAD/OPTIONS and nothing else;
 * writes and authenticated reads go straight to the API URL. So the CDN never sees
 * a token, can never cache a private answer, and needs no per-method exceptions.
 */
import { Duration, Fn, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';

export interface PublicReadsCdnProps {
  api: IHttpApi;
  /** Used when the API sends no Cache-Control (its own header always wins). */
  defaultTtl?: Duration;
}

export class PublicReadsCdn extends Construct {
  readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net` */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicReadsCdnProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Cache key = path + every query string (search filters, cursor), nothing else.
    // Authorization is deliberately NOT part of it, hence never forwarded: every cached
    // answer is the anonymous one. Origin Cache-Control (max-age, no-store) is honoured
    // between minTtl 0 and maxTtl; CloudFront revalidates stale objects with If-None-Match
    // against the API's ETag and answers viewers' conditional requests with 304.
    const cachePolicy = new CachePolicy(this, 'PublicReads', {
      comment: 'Lectures publiques de l’API : chemin + paramètres, sans Authorization',
      minTtl: Duration.seconds(0),
      defaultTtl: props.defaultTtl ?? Duration.seconds(60),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Réseau des tiers-lieux : lectures publiques',
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy,
        compress: true,
      },
    });
    this.url = Fn.join('', ['https://', this.distribution.distributionDomainName]);
  }
}
