/**
 * CloudFront in front of the HTTP API, for the public reads only (widget, directory,
 * exports, docs). Choice: the distribution allows GET/HEAD/OPTIONS and nothing else;
 * writes and authenticated reads go straight to the API URL. So the CDN never sees
 * a token, can never cache a private answer, and needs no per-method exceptions.
 */
import { Annotations, Duration, Fn, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  Distribution,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { FILE_SECURITY_HEADERS, KIT_FILES_PREFIX } from '../../functions/domain/kit/file-headers.js';
import { Construct } from 'constructs';

export interface PublicReadsCdnProps {
  api: IHttpApi;
  /** Used when the API sends no Cache-Control (its own header always wins). */
  defaultTtl?: Duration;
  /** The kit's private bucket (stateful stack): served under `/kit-files/*` with origin access control. */
  kitBucket?: IBucket;
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
      additionalBehaviors: props.kitBucket ? { [`/${KIT_FILES_PREFIX}*`]: this.kitFilesBehavior(props.kitBucket) } : {},
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

  /**
   * Kit files straight from the bucket. The objects carry their Content-Type and
   * Content-Disposition (signed into the presigned PUT); the policy adds the same sandbox
   * CSP and nosniff the local server sends, overriding anything stored with the object.
   */
  private kitFilesBehavior(bucket: IBucket): BehaviorOptions {
    // The bucket comes from the stateful stack; referenced by attributes so the OAC origin does
    // not try to write its policy there (the stateful stack grants CloudFront itself).
    const imported = Bucket.fromBucketAttributes(this, 'KitBucketRef', { bucketArn: bucket.bucketArn, bucketName: bucket.bucketName, bucketRegionalDomainName: bucket.bucketRegionalDomainName });
    Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac', 'The stateful stack grants CloudFront s3:GetObject on kit-files/* itself.');
    const h = FILE_SECURITY_HEADERS;
    const headers = new ResponseHeadersPolicy(this, 'KitFileHeaders', {
      comment: 'Fichiers du kit : CSP sandbox, nosniff, sans référent',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: h['Content-Security-Policy'], override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cross-Origin-Resource-Policy', value: h['Cross-Origin-Resource-Policy'], override: true }] },
    });
    return {
      origin: S3BucketOrigin.withOriginAccessControl(imported),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: true,
    };
  }
}
